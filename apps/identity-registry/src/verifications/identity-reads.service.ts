import { Inject, Injectable } from '@nestjs/common';

import { currentCorrelationId, type Logger } from '@bitaqa/observability';

import type { OperatorCaller } from '../agencies/auth/caller';
import { IDENTITY_ATTRIBUTES } from '../agencies/identity-attributes';
import { LOGGER } from '../core.module';
import { PrismaService } from '../database/prisma.service';
import { identityNotFound, IdentityQueries } from '../identities/identity-query.service';
import type { IdentityView } from '../identities/identity-view';

import type { IdentityReadQuery } from './dto/identity-read.query';
import { LookupLogRepository } from './lookup-log.repository';

/**
 * Whole-record reads by operators. Each read, found or not, is written to the lookup log
 * before the record goes out, so the person's list of lookups shows operators too.
 */
@Injectable()
export class IdentityReads {
  constructor(
    private readonly log: LookupLogRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
    private readonly queries: IdentityQueries,
  ) {}

  /** @throws NotFoundError IDENTITY_NOT_FOUND when no identity has the number. */
  async read(
    caller: OperatorCaller,
    nationalNumber: string,
    query: IdentityReadQuery,
  ): Promise<IdentityView> {
    const view = await this.queries.find(nationalNumber);
    const outcome = view === undefined ? 'not_found' : 'released';

    await this.log.record(this.prisma, {
      attributesReleased: view === undefined ? [] : [...IDENTITY_ATTRIBUTES],
      attributesRequested: [...IDENTITY_ATTRIBUTES],
      callerKind: 'operator',
      clientId: caller.credentialId,
      correlationId: currentCorrelationId() ?? null,
      denialCode: null,
      kind: 'read',
      mismatchedAttributes: [],
      nationalNumber,
      outcome,
      policyVersion: null,
      purpose: query.purpose,
      reference: query.reference ?? null,
      serviceId: null,
      tokenId: caller.tokenId,
    });
    this.logger.info(
      {
        clientId: caller.credentialId,
        outcome,
        purpose: query.purpose,
        tokenId: caller.tokenId,
      },
      'identity read by operator',
    );

    if (view === undefined) throw identityNotFound(nationalNumber);

    return view;
  }
}
