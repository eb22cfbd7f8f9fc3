import { Injectable } from '@nestjs/common';

import { arabicNamesMatch } from '@bitaqa/arabic-names';

import type { AgencyCaller } from '../agencies/auth/caller';
import { PrismaService } from '../database/prisma.service';
import type { Identity } from '../identities/identity';
import { IdentityRepository } from '../identities/identity.repository';

import {
  CLAIM_FIELDS,
  type ClaimField,
  type VerificationRequest,
} from './dto/verification-request';
import type { LookupOutcome } from './lookup';
import { LookupAccess, type LookupRequest } from './lookup-access.service';

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

/**
 * Compares an agency's claims about a person with the registry and returns whether each claim
 * matches, releasing no attribute value. The policy must grant every claimed attribute.
 */
@Injectable()
export class Verifications {
  constructor(
    private readonly access: LookupAccess,
    private readonly identities: IdentityRepository,
    private readonly prisma: PrismaService,
  ) {}

  async verify(caller: AgencyCaller, request: VerificationRequest): Promise<VerificationResult> {
    const claimedFields = CLAIM_FIELDS.filter((field) => request[field] !== undefined);
    const lookup: LookupRequest = {
      attributes: claimedFields,
      kind: 'verification',
      nationalNumber: request.nationalNumber,
      purpose: request.purpose,
      reference: request.reference ?? null,
    };
    const policy = await this.access.authorize(caller, lookup);
    const identity = await this.identities.find(this.prisma, request.nationalNumber);
    const mismatched =
      identity === undefined
        ? ['nationalNumber']
        : claimedFields.filter((field) => !claimMatches(identity, field, request[field] ?? ''));
    const match = mismatched.length === 0;
    let outcome: LookupOutcome = match ? 'matched' : 'mismatched';

    if (identity === undefined) outcome = 'not_found';

    await this.access.record(caller, lookup, policy, {
      attributesReleased: [],
      mismatchedAttributes: mismatched,
      outcome,
    });

    return { match, mismatched };
  }
}
