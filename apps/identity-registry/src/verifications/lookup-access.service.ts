import { Inject, Injectable } from '@nestjs/common';

import { currentCorrelationId, type Logger } from '@bitaqa/observability';

import type { AgencyPolicy } from '../agencies/agency';
import { AgencyPolicies } from '../agencies/agency-policies.service';
import { ForbiddenError } from '../agencies/auth/auth-errors';
import type { AgencyCaller } from '../agencies/auth/caller';
import { LOGGER } from '../core.module';
import { PrismaService } from '../database/prisma.service';

import { decideAccess } from './access-policy';
import type { LookupEntry, LookupKind } from './lookup';
import { LookupLogRepository } from './lookup-log.repository';

export interface LookupRequest {
  /** Attributes the agency requests, or claims values of. */
  attributes: string[];
  kind: LookupKind;
  nationalNumber: string;
  purpose: string;
  reference: string | null;
}

/** The outcome part of a log entry; the request part comes from the checked request. */
export type LookupResult = Pick<
  LookupEntry,
  'attributesReleased' | 'mismatchedAttributes' | 'outcome'
>;

/**
 * Checks lookups against the caller's policy and writes the lookup log. Every checked request
 * is logged, denied ones included, before the caller gets a response.
 */
@Injectable()
export class LookupAccess {
  constructor(
    private readonly log: LookupLogRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly policies: AgencyPolicies,
    private readonly prisma: PrismaService,
  ) {}

  /**
   * Returns the policy that permits the request.
   *
   * @throws ForbiddenError POLICY_NOT_APPROVED, PURPOSE_NOT_PERMITTED or ATTRIBUTE_NOT_PERMITTED,
   * after logging the denial.
   */
  async authorize(caller: AgencyCaller, request: LookupRequest): Promise<AgencyPolicy> {
    const policy = await this.policies.current(caller.serviceId);
    const decision = decideAccess(caller.serviceId, policy, request.purpose, request.attributes);

    if (decision.permitted) return decision.policy;

    const { denial } = decision;

    await this.log.record(this.prisma, {
      ...this.entryOf(caller, request, policy),
      attributesReleased: [],
      denialCode: denial.code,
      mismatchedAttributes: [],
      outcome: 'denied',
    });
    this.logger.info(
      {
        clientId: caller.credentialId,
        code: denial.code,
        denied: denial.denied,
        kind: request.kind,
        serviceId: caller.serviceId,
        tokenId: caller.tokenId,
      },
      'identity lookup denied',
    );
    throw new ForbiddenError(denial.code, denial.message, {
      field: denial.field,
      hint: denial.hint,
      value: denial.value,
      // Goes to `details.denied` of the error body.
      ...({ denied: denial.denied } as object),
    });
  }

  /** Logs a permitted lookup with how it ended. */
  async record(
    caller: AgencyCaller,
    request: LookupRequest,
    policy: AgencyPolicy,
    result: LookupResult,
  ): Promise<void> {
    await this.log.record(this.prisma, {
      ...this.entryOf(caller, request, policy),
      ...result,
      denialCode: null,
    });
    this.logger.info(
      {
        attributesReleased: result.attributesReleased,
        clientId: caller.credentialId,
        kind: request.kind,
        outcome: result.outcome,
        purpose: request.purpose,
        serviceId: caller.serviceId,
        tokenId: caller.tokenId,
      },
      'identity lookup answered',
    );
  }

  private entryOf(
    caller: AgencyCaller,
    request: LookupRequest,
    policy: AgencyPolicy | undefined,
  ): Omit<LookupEntry, 'attributesReleased' | 'denialCode' | 'mismatchedAttributes' | 'outcome'> {
    return {
      attributesRequested: request.attributes,
      callerKind: 'agency',
      clientId: caller.credentialId,
      correlationId: currentCorrelationId() ?? null,
      kind: request.kind,
      nationalNumber: request.nationalNumber,
      policyVersion: policy?.version ?? null,
      purpose: request.purpose,
      reference: request.reference,
      serviceId: caller.serviceId,
      tokenId: caller.tokenId,
    };
  }
}
