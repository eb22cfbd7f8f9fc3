import { Inject, Injectable } from '@nestjs/common';

import { IdentityDuplicateResolved } from '@bitaqa/contracts';
import { enqueueEvent, type TransactionRunner } from '@bitaqa/messaging';
import { currentCorrelationId, type Logger } from '@bitaqa/observability';

import { LOGGER } from '../core.module';
import { lockPersons } from '../database/person-locks';
import { PrismaService } from '../database/prisma.service';
import { type UnitOfWork, unitOfWorkRunner } from '../database/unit-of-work';
import type { Identity } from '../identities/identity';
import { IdentityChanges } from '../identities/identity-changes.service';
import { IdentityRepository } from '../identities/identity.repository';
import { EVENT_SOURCE } from '../messaging/event-source';

import type { DuplicateCase, DuplicateDecisionKind } from './duplicate-case';
import { DuplicateCaseRepository } from './duplicate-case.repository';
import {
  caseAlreadyResolved,
  caseNotFound,
  identityAlreadyMerged,
  survivorNotInCase,
} from './duplicate-errors';

/** An operator's decision as the resolve endpoint takes it. */
export interface ResolutionRequest {
  decision: DuplicateDecisionKind;
  operatorId: string;
  reason: string;
  /** For a merge: the identity that stays; by default the one registered first. */
  survivorNationalNumber?: string;
}

interface MergeOutcome {
  merged: string;
  survivor: string;
}

/**
 * Applies operators' decisions on duplicate cases. A merge marks the other identity merged into
 * the survivor and repoints identities merged into it earlier, so every pointer leads straight
 * to a live identity. Each decision is written to the audit log and published as
 * IdentityDuplicateResolved in the same transaction, next to the IdentityUpdated events of the
 * identities it changed.
 */
@Injectable()
export class DuplicateResolutions {
  private readonly inTransaction: TransactionRunner<UnitOfWork>;

  constructor(
    private readonly cases: DuplicateCaseRepository,
    private readonly changes: IdentityChanges,
    private readonly identities: IdentityRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    prisma: PrismaService,
  ) {
    this.inTransaction = unitOfWorkRunner(prisma, logger);
  }

  /**
   * @throws NotFoundError DUPLICATE_CASE_NOT_FOUND for an unknown case.
   * @throws ConflictError DUPLICATE_CASE_ALREADY_RESOLVED when the case is no longer open, and
   * IDENTITY_ALREADY_MERGED when a merge names an identity that another case merged.
   * @throws RuleViolationError SURVIVOR_NOT_IN_CASE when the survivor is not in the pair.
   */
  async resolve(id: string, request: ResolutionRequest): Promise<DuplicateCase> {
    const resolved = await this.inTransaction(async (unit) => {
      const found = await this.cases.find(unit.db, id);

      if (found === undefined) throw caseNotFound(id);

      // Person locks first, then the case row, in the order that registrations take them.
      await lockPersons(unit, found.nationalNumbers);

      const current = await this.cases.lock(unit.db, id);

      if (current === undefined) throw caseNotFound(id);
      if (current.status !== 'open') throw caseAlreadyResolved(id, current.status);

      return this.decide(unit, current, request);
    });

    this.logger.info(
      {
        caseId: id,
        decision: request.decision,
        nationalNumbers: resolved.nationalNumbers,
        operatorId: request.operatorId,
        survivor: resolved.survivorNationalNumber,
      },
      'duplicate case resolved',
    );

    return resolved;
  }

  private async decide(
    unit: UnitOfWork,
    current: DuplicateCase,
    request: ResolutionRequest,
  ): Promise<DuplicateCase> {
    const merge = request.decision === 'merge' ? await this.merge(unit, current, request) : null;
    const decidedAt = new Date();
    const decision = {
      correlationId: currentCorrelationId() ?? null,
      decidedAt,
      decision: request.decision,
      mergedNationalNumber: merge?.merged ?? null,
      operatorId: request.operatorId,
      reason: request.reason,
      survivorNationalNumber: merge?.survivor ?? null,
    };

    await this.cases.resolve(unit.db, current.id, decision);
    await enqueueEvent(
      unit,
      IdentityDuplicateResolved,
      {
        caseId: current.id,
        decidedAt: decidedAt.toISOString(),
        decision: request.decision,
        mergedNationalNumber: decision.mergedNationalNumber,
        nationalNumbers: current.nationalNumbers,
        operatorId: request.operatorId,
        reason: request.reason,
        survivorNationalNumber: decision.survivorNationalNumber,
      },
      { source: EVENT_SOURCE },
    );

    const resolved = await this.cases.find(unit.db, current.id);

    if (resolved === undefined) throw caseNotFound(current.id);

    return resolved;
  }

  private async merge(
    unit: UnitOfWork,
    current: DuplicateCase,
    request: ResolutionRequest,
  ): Promise<MergeOutcome> {
    const pair = await this.identities.findMany(unit.db, current.nationalNumbers);
    const survivor =
      request.survivorNationalNumber ?? (await this.earlierRegistration(unit, current));

    if (!current.nationalNumbers.includes(survivor)) {
      throw survivorNotInCase(survivor, current.nationalNumbers);
    }

    for (const identity of pair) {
      if (identity.status === 'merged') {
        throw identityAlreadyMerged(
          identity.nationalNumber,
          identity.mergedInto ?? 'another identity',
        );
      }
    }

    const merged = pair.find((identity) => identity.nationalNumber !== survivor);

    if (merged === undefined) {
      // The foreign keys of duplicate_cases keep both identities of a case in place.
      throw new Error(`duplicate case ${current.id} lacks the identity to merge`);
    }

    await this.markMerged(unit, merged, survivor);
    await this.repointEarlierMerges(unit, merged.nationalNumber, survivor);

    return { merged: merged.nationalNumber, survivor };
  }

  private async markMerged(unit: UnitOfWork, identity: Identity, survivor: string): Promise<void> {
    await this.changes.apply(unit, identity, {
      ...identity,
      mergedInto: survivor,
      status: 'merged',
    });
  }

  /** Points identities merged into `merged` by earlier cases at its survivor instead. */
  private async repointEarlierMerges(
    unit: UnitOfWork,
    merged: string,
    survivor: string,
  ): Promise<void> {
    const rows = await unit.db.identity.findMany({
      select: { nationalNumber: true },
      where: { mergedInto: merged },
    });
    const numbers = rows.map((row) => row.nationalNumber);

    if (numbers.length === 0) return;

    await lockPersons(unit, numbers);

    for (const identity of await this.identities.findMany(unit.db, numbers)) {
      if (identity.mergedInto === merged) await this.markMerged(unit, identity, survivor);
    }
  }

  /** Returns the identity the registry created first, or the lower number for a tie. */
  private async earlierRegistration(unit: UnitOfWork, current: DuplicateCase): Promise<string> {
    const [first] = await unit.db.identity.findMany({
      orderBy: [{ createdAt: 'asc' }, { nationalNumber: 'asc' }],
      select: { nationalNumber: true },
      take: 1,
      where: { nationalNumber: { in: current.nationalNumbers } },
    });

    if (first === undefined) {
      throw new Error(`duplicate case ${current.id} has no stored identities`);
    }

    return first.nationalNumber;
  }
}
