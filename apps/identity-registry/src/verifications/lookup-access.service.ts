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
  /** Attributes the agency asks for, or claims values of. */
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
 * is logged, refused ones included, before the caller gets any answer.
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
   * after logging the refusal.
   */
  async authorize(caller: AgencyCaller, request: LookupRequest): Promise<AgencyPolicy> {
    const policy = await this.policies.current(caller.serviceId);
    const decision = decideAccess(caller.serviceId, policy, request.purpose, request.attributes);

    if (decision.permitted) return decision.policy;

    const { refusal } = decision;

    await this.log.record(this.prisma, {
      ...this.entryOf(caller, request, policy),
      attributesReleased: [],
      mismatchedAttributes: [],
      outcome: 'refused',
      refusalCode: refusal.code,
    });
    this.logger.info(
      {
        code: refusal.code,
        kind: request.kind,
        refused: refusal.refused,
        serviceId: caller.serviceId,
      },
      'identity lookup refused',
    );
    throw new ForbiddenError(refusal.code, refusal.message, {
      field: refusal.field,
      hint: refusal.hint,
      value: refusal.value,
      // Goes to `details.refused` of the error body.
      ...({ refused: refusal.refused } as object),
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
      refusalCode: null,
    });
    this.logger.info(
      {
        attributesReleased: result.attributesReleased,
        kind: request.kind,
        outcome: result.outcome,
        purpose: request.purpose,
        serviceId: caller.serviceId,
      },
      'identity lookup answered',
    );
  }

  private entryOf(
    caller: AgencyCaller,
    request: LookupRequest,
    policy: AgencyPolicy | undefined,
  ): Omit<LookupEntry, 'attributesReleased' | 'mismatchedAttributes' | 'outcome' | 'refusalCode'> {
    return {
      attributesRequested: request.attributes,
      correlationId: currentCorrelationId() ?? null,
      kind: request.kind,
      nationalNumber: request.nationalNumber,
      policyVersion: policy?.version ?? null,
      purpose: request.purpose,
      reference: request.reference,
      serviceId: caller.serviceId,
    };
  }
}
