import { Injectable } from '@nestjs/common';

import { NotFoundError } from '@bitaqa/http';

import { IdentityCache } from '../cache/identity-cache.service';
import { PrismaService } from '../database/prisma.service';

import { IdentityRepository } from './identity.repository';
import { type IdentityView, toIdentityView } from './identity-view';

export function identityNotFound(nationalNumber: string): NotFoundError {
  return new NotFoundError(
    'IDENTITY_NOT_FOUND',
    `no identity has national number ${nationalNumber}`,
    {
      field: 'nationalNumber',
      hint: 'check the number; persons appear here once civil records registered them',
      value: nationalNumber,
    },
  );
}

/** Reads whole identities through the Redis cache. */
@Injectable()
export class IdentityQueries {
  constructor(
    private readonly cache: IdentityCache,
    private readonly identities: IdentityRepository,
    private readonly prisma: PrismaService,
  ) {}

  /** Finds the identity with the number, or undefined when there is none. */
  async find(nationalNumber: string): Promise<IdentityView | undefined> {
    return this.cache.getOrLoad(nationalNumber, async () => {
      const identity = await this.identities.find(this.prisma, nationalNumber);

      return identity === undefined ? undefined : toIdentityView(identity);
    });
  }
}
