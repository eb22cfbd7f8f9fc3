import { Injectable } from '@nestjs/common';

import { NotFoundError } from '@bitaqa/http';

import type { AgencyCaller } from '../agencies/auth/caller';
import { pickAttributes, type ReleasedAttributes } from '../agencies/identity-attributes';
import { PrismaService } from '../database/prisma.service';
import { IdentityRepository } from '../identities/identity.repository';

import type { ReleaseRequest } from './dto/release-request';
import { LookupAccess, type LookupRequest } from './lookup-access.service';

export interface Release {
  attributes: ReleasedAttributes;
  nationalNumber: string;
}

/** Releases the identity attributes an agency's policy grants, and logs each release. */
@Injectable()
export class Releases {
  constructor(
    private readonly access: LookupAccess,
    private readonly identities: IdentityRepository,
    private readonly prisma: PrismaService,
  ) {}

  /**
   * @throws ForbiddenError when the policy does not cover the purpose or an attribute.
   * @throws NotFoundError IDENTITY_NOT_FOUND for an unknown national number.
   */
  async release(caller: AgencyCaller, request: ReleaseRequest): Promise<Release> {
    const lookup: LookupRequest = {
      attributes: request.attributes,
      kind: 'release',
      nationalNumber: request.nationalNumber,
      purpose: request.purpose,
      reference: request.reference ?? null,
    };
    const policy = await this.access.authorize(caller, lookup);
    const identity = await this.identities.find(this.prisma, request.nationalNumber);

    await this.access.record(caller, lookup, policy, {
      attributesReleased: identity === undefined ? [] : request.attributes,
      mismatchedAttributes: [],
      outcome: identity === undefined ? 'not_found' : 'released',
    });

    if (identity === undefined) {
      throw new NotFoundError(
        'IDENTITY_NOT_FOUND',
        `no identity has national number ${request.nationalNumber}`,
        {
          field: 'nationalNumber',
          hint: 'check the number; persons appear here once civil records registered them',
          value: request.nationalNumber,
        },
      );
    }

    return {
      attributes: pickAttributes(identity, request.attributes),
      nationalNumber: identity.nationalNumber,
    };
  }
}
