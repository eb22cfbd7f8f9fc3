import type { Tx } from '../infrastructure/prisma.service';

import { toIsoDate } from './dates';
import type { RecordFields } from './journal';
import type { CourtReference } from './validators';

export interface StoredCorrection {
  changedFields: (keyof RecordFields)[];
  correctionId: string;
  decision: CourtReference;
  nationalNumber: string;
  /** Field values the decision orders, as sent; some may have matched the record already. */
  ordered: RecordFields;
  /** Values before the correction of the fields it changed. */
  previous: RecordFields;
  recordedAt: string;
}

interface CorrectionRow {
  changed_fields: (keyof RecordFields)[];
  created_at: Date;
  decision_court: string;
  decision_date: Date;
  decision_number: string;
  id: string;
  national_number: string;
  ordered: RecordFields;
  previous: RecordFields;
}

const SELECT_CORRECTIONS = `
SELECT id::text AS id, national_number, decision_number, decision_court, decision_date, ordered,
  previous, changed_fields, created_at
FROM corrections`;

function toCorrection(row: CorrectionRow): StoredCorrection {
  return {
    changedFields: row.changed_fields,
    correctionId: row.id,
    decision: {
      court: row.decision_court,
      date: toIsoDate(row.decision_date),
      number: row.decision_number,
    },
    nationalNumber: row.national_number,
    ordered: row.ordered,
    previous: row.previous,
    recordedAt: row.created_at.toISOString(),
  };
}

export async function findCorrection(
  tx: Tx,
  correctionId: string,
): Promise<StoredCorrection | undefined> {
  const rows = await tx.$queryRawUnsafe<CorrectionRow[]>(
    `${SELECT_CORRECTIONS} WHERE id = $1::bigint`,
    correctionId,
  );

  return rows[0] === undefined ? undefined : toCorrection(rows[0]);
}

/** Finds the correction a court decision made to a person, if it was applied before. */
export async function findByDecision(
  tx: Tx,
  nationalNumber: string,
  decision: { court: string; number: string },
): Promise<StoredCorrection | undefined> {
  const rows = await tx.$queryRawUnsafe<CorrectionRow[]>(
    `${SELECT_CORRECTIONS}
     WHERE national_number = $1 AND decision_court = $2 AND decision_number = $3`,
    nationalNumber,
    decision.court,
    decision.number,
  );

  return rows[0] === undefined ? undefined : toCorrection(rows[0]);
}

export async function insertCorrection(
  tx: Tx,
  correction: Omit<StoredCorrection, 'correctionId' | 'recordedAt'>,
): Promise<StoredCorrection> {
  const rows = await tx.$queryRawUnsafe<CorrectionRow[]>(
    `INSERT INTO corrections (national_number, decision_number, decision_court, decision_date,
       ordered, previous, changed_fields)
     VALUES ($1, $2, $3, $4::date, $5::jsonb, $6::jsonb, $7::text[])
     RETURNING id::text AS id, national_number, decision_number, decision_court, decision_date,
       ordered, previous, changed_fields, created_at`,
    correction.nationalNumber,
    correction.decision.number,
    correction.decision.court,
    correction.decision.date,
    JSON.stringify(correction.ordered),
    JSON.stringify(correction.previous),
    correction.changedFields,
  );

  return toCorrection(rows[0] as CorrectionRow);
}
