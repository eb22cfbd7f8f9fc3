import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import type { PartComparison } from '@bitaqa/arabic-names';

import type {
  DuplicateCase as DuplicateCaseRow,
  DuplicateDecision as DuplicateDecisionRow,
} from '../generated/prisma/client';
import type { Db } from '../identities/identity.repository';

import type {
  DuplicateCandidatePair,
  DuplicateCase,
  DuplicateCaseStatus,
  DuplicateDecision,
} from './duplicate-case';

/** Outcome of offering a pair to the queue. */
export type QueueOutcome = 'queued' | 'rescored' | 'already-resolved';

const STATUS_TO_ROW = { 'kept-apart': 'kept_apart', merged: 'merged', open: 'open' } as const;

const DECISION_TO_ROW = { 'keep-apart': 'keep_apart', merge: 'merge' } as const;

function toDecision(row: DuplicateDecisionRow): DuplicateDecision {
  return {
    correlationId: row.correlationId,
    decidedAt: row.decidedAt,
    decision: row.decision === 'keep_apart' ? 'keep-apart' : 'merge',
    mergedNationalNumber: row.mergedNationalNumber,
    operatorId: row.operatorId,
    reason: row.reason,
    survivorNationalNumber: row.survivorNationalNumber,
  };
}

function toCase(row: DuplicateCaseRow & { decision: DuplicateDecisionRow | null }): DuplicateCase {
  return {
    createdAt: row.createdAt,
    decision: row.decision === null ? null : toDecision(row.decision),
    detectedByEventId: row.detectedByEventId,
    id: row.id,
    nameParts: row.nameParts as unknown as PartComparison[],
    nationalNumbers: [row.firstNationalNumber, row.secondNationalNumber],
    reasons: row.reasons,
    resolvedAt: row.resolvedAt,
    score: row.score,
    status: row.status === 'kept_apart' ? 'kept-apart' : row.status,
    survivorNationalNumber: row.survivorNationalNumber,
    updatedAt: row.updatedAt,
  };
}

/** Reads and writes duplicate cases and the decisions on them. */
@Injectable()
export class DuplicateCaseRepository {
  /**
   * Queues a pair, or rescores it while its case is still open. A pair whose case an operator
   * resolved stays as decided, which keeps a kept-apart pair from ever being queued again.
   */
  async offer(db: Db, pair: DuplicateCandidatePair): Promise<QueueOutcome> {
    const [first, second] = pair.nationalNumbers;
    const rows = await db.$queryRaw<Array<{ inserted: boolean }>>`
      INSERT INTO duplicate_cases (
        id, first_national_number, second_national_number, score, reasons, name_parts,
        detected_by_event_id
      ) VALUES (
        ${randomUUID()}::uuid, ${first}, ${second}, ${pair.score}, ${pair.reasons}::text[],
        ${JSON.stringify(pair.nameParts)}::jsonb, ${pair.detectedByEventId}
      )
      ON CONFLICT (first_national_number, second_national_number) DO UPDATE SET
        score = EXCLUDED.score, reasons = EXCLUDED.reasons, name_parts = EXCLUDED.name_parts,
        detected_by_event_id = EXCLUDED.detected_by_event_id, updated_at = now()
      WHERE duplicate_cases.status = 'open'
      RETURNING (xmax = 0) AS inserted`;

    if (rows.length === 0) return 'already-resolved';

    return rows[0]?.inserted === true ? 'queued' : 'rescored';
  }

  async find(db: Db, id: string): Promise<DuplicateCase | undefined> {
    const row = await db.duplicateCase.findUnique({ include: { decision: true }, where: { id } });

    return row === null ? undefined : toCase(row);
  }

  /** Locks the case row until the transaction ends and returns it. */
  async lock(db: Db, id: string): Promise<DuplicateCase | undefined> {
    await db.$queryRaw`SELECT 1 FROM duplicate_cases WHERE id = ${id}::uuid FOR UPDATE`;

    return this.find(db, id);
  }

  /** One page of cases in one status, oldest first, and whether more follow. */
  async list(
    db: Db,
    status: DuplicateCaseStatus,
    page: { limit: number; offset: number },
  ): Promise<{ cases: DuplicateCase[]; more: boolean }> {
    const rows = await db.duplicateCase.findMany({
      include: { decision: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      skip: page.offset,
      take: page.limit + 1,
      where: { status: STATUS_TO_ROW[status] },
    });

    return { cases: rows.slice(0, page.limit).map(toCase), more: rows.length > page.limit };
  }

  /** Records the decision in the append-only log and closes the case. */
  async resolve(db: Db, id: string, decision: DuplicateDecision): Promise<void> {
    await db.duplicateDecision.create({
      data: {
        caseId: id,
        correlationId: decision.correlationId,
        decidedAt: decision.decidedAt,
        decision: DECISION_TO_ROW[decision.decision],
        mergedNationalNumber: decision.mergedNationalNumber,
        operatorId: decision.operatorId,
        reason: decision.reason,
        survivorNationalNumber: decision.survivorNationalNumber,
      },
    });
    await db.duplicateCase.update({
      data: {
        resolvedAt: decision.decidedAt,
        status: decision.decision === 'merge' ? 'merged' : 'kept_apart',
        survivorNationalNumber: decision.survivorNationalNumber,
        updatedAt: decision.decidedAt,
      },
      where: { id },
    });
  }
}
