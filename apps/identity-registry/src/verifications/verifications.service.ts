import { Inject, Injectable } from '@nestjs/common';

import { arabicNamesMatch } from '@bitaqa/arabic-names';
import { currentCorrelationId, type Logger } from '@bitaqa/observability';

import { LOGGER } from '../core.module';
import { PrismaService } from '../database/prisma.service';
import type { Identity } from '../identities/identity';
import { IdentityRepository } from '../identities/identity.repository';

import {
  CLAIM_FIELDS,
  type ClaimField,
  type VerificationRequest,
} from './dto/verification-request';

export interface VerificationResult {
  match: boolean;
  /** Claimed fields that differ from the registry, or `nationalNumber` for an unknown person. */
  mismatched: string[];
}

/** Names match in normalized form; the birth date matches exactly. */
function claimMatches(identity: Identity, field: ClaimField, claimed: string): boolean {
  return field === 'birthDate'
    ? identity.birthDate === claimed
    : arabicNamesMatch(identity[field], claimed);
}

/** Compares claimed attributes with the registry and logs every query with its purpose. */
@Injectable()
export class Verifications {
  constructor(
    private readonly identities: IdentityRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
  ) {}

  async verify(request: VerificationRequest): Promise<VerificationResult> {
    const identity = await this.identities.find(this.prisma, request.nationalNumber);
    const claimedFields = CLAIM_FIELDS.filter((field) => request[field] !== undefined);
    const mismatched =
      identity === undefined
        ? ['nationalNumber']
        : claimedFields.filter((field) => !claimMatches(identity, field, request[field] ?? ''));
    const match = mismatched.length === 0;

    await this.prisma.verificationQuery.create({
      data: {
        claimedFields,
        correlationId: currentCorrelationId() ?? null,
        matched: match,
        mismatchedFields: mismatched,
        nationalNumber: request.nationalNumber,
        purpose: request.purpose,
      },
    });
    this.logger.info(
      { claimedFields, match, mismatched, nationalNumber: request.nationalNumber },
      'identity verification answered',
    );

    return { match, mismatched };
  }
}
