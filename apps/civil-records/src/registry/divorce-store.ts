import type { Tx } from '../infrastructure/prisma.service';

import { toIsoDate, toIsoDateOrNull } from './dates';
import type { CourtReference } from './validators';

export type DivorceStatus = 'final' | 'lapsed' | 'pending' | 'withdrawn';

export interface StoredDivorce {
  /** Court decision that made the divorce final; the marriage ended on its date. */
  decision: CourtReference | null;
  divorceId: string;
  familyId: string;
  /** The court case that opened the divorce; its date is the filing date. */
  filing: CourtReference;
  husbandNationalNumber: string;
  /** Date of the spouse's death that ended the marriage while the divorce was pending. */
  lapsedOn: string | null;
  marriageId: string;
  status: DivorceStatus;
  wifeNationalNumber: string;
  withdrawnOn: string | null;
}

interface DivorceRow {
  decision_court: string | null;
  decision_date: Date | null;
  decision_number: string | null;
  family_id: string;
  filed_on: Date;
  filing_court: string;
  filing_number: string;
  husband_national_number: string;
  id: string;
  lapsed_on: Date | null;
  marriage_id: string;
  status: DivorceStatus;
  wife_national_number: string;
  withdrawn_on: Date | null;
}

const SELECT_DIVORCES = `
SELECT d.id::text AS id, d.marriage_id::text AS marriage_id, m.family_id,
  d.husband_national_number, d.wife_national_number, d.status::text AS status, d.filing_number,
  d.filing_court, d.filed_on, d.decision_number, d.decision_court, d.decision_date,
  d.withdrawn_on, d.lapsed_on
FROM divorces d JOIN marriages m ON m.id = d.marriage_id`;

function toDivorce(row: DivorceRow): StoredDivorce {
  return {
    decision:
      row.decision_date === null
        ? null
        : {
            court: row.decision_court as string,
            date: toIsoDate(row.decision_date),
            number: row.decision_number as string,
          },
    divorceId: row.id,
    familyId: row.family_id,
    filing: { court: row.filing_court, date: toIsoDate(row.filed_on), number: row.filing_number },
    husbandNationalNumber: row.husband_national_number,
    lapsedOn: toIsoDateOrNull(row.lapsed_on),
    marriageId: row.marriage_id,
    status: row.status,
    wifeNationalNumber: row.wife_national_number,
    withdrawnOn: toIsoDateOrNull(row.withdrawn_on),
  };
}

/** Loads one divorce. With `lock`, its row stays locked until the transaction ends. */
export async function findDivorce(
  tx: Tx,
  divorceId: string,
  lock = false,
): Promise<StoredDivorce | undefined> {
  const rows = await tx.$queryRawUnsafe<DivorceRow[]>(
    `${SELECT_DIVORCES} WHERE d.id = $1::bigint ${lock ? 'FOR UPDATE OF d' : ''}`,
    divorceId,
  );

  return rows[0] === undefined ? undefined : toDivorce(rows[0]);
}

/** Finds the divorce a court case opened between this couple, whatever its status. */
export async function findFiling(
  tx: Tx,
  couple: { husband: string; wife: string },
  filing: { court: string; number: string },
): Promise<StoredDivorce | undefined> {
  const rows = await tx.$queryRawUnsafe<DivorceRow[]>(
    `${SELECT_DIVORCES}
     WHERE d.husband_national_number = $1 AND d.wife_national_number = $2
       AND d.filing_court = $3 AND d.filing_number = $4`,
    couple.husband,
    couple.wife,
    filing.court,
    filing.number,
  );

  return rows[0] === undefined ? undefined : toDivorce(rows[0]);
}

/** Divorces of any of the persons, optionally only those with one status. */
export async function divorcesOf(
  tx: Tx,
  nationalNumbers: readonly string[],
  status?: DivorceStatus,
): Promise<StoredDivorce[]> {
  if (nationalNumbers.length === 0) return [];

  const rows = await tx.$queryRawUnsafe<DivorceRow[]>(
    `${SELECT_DIVORCES}
     WHERE (d.husband_national_number = ANY($1::text[]) OR d.wife_national_number = ANY($1::text[]))
       AND ($2::divorce_status IS NULL OR d.status = $2::divorce_status)
     ORDER BY d.id`,
    [...new Set(nationalNumbers)],
    status ?? null,
  );

  return rows.map(toDivorce);
}

export async function insertDivorce(
  tx: Tx,
  divorce: { husband: string; marriageId: string; wife: string; filing: CourtReference },
): Promise<string> {
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO divorces (marriage_id, husband_national_number, wife_national_number,
       filing_number, filing_court, filed_on)
     VALUES ($1::bigint, $2, $3, $4, $5, $6::date)
     RETURNING id::text AS id`,
    divorce.marriageId,
    divorce.husband,
    divorce.wife,
    divorce.filing.number,
    divorce.filing.court,
    divorce.filing.date,
  );

  return (rows[0] as { id: string }).id;
}

export async function finalizeDivorce(
  tx: Tx,
  divorceId: string,
  decision: CourtReference,
): Promise<void> {
  await tx.$executeRawUnsafe(
    `UPDATE divorces SET status = 'final', decision_number = $2, decision_court = $3,
       decision_date = $4::date, updated_at = now()
     WHERE id = $1::bigint AND status = 'pending'`,
    divorceId,
    decision.number,
    decision.court,
    decision.date,
  );
}

export async function withdrawDivorce(
  tx: Tx,
  divorceId: string,
  withdrawnOn: string,
): Promise<void> {
  await tx.$executeRawUnsafe(
    `UPDATE divorces SET status = 'withdrawn', withdrawn_on = $2::date, updated_at = now()
     WHERE id = $1::bigint AND status = 'pending'`,
    divorceId,
    withdrawnOn,
  );
}

/**
 * Lapses the pending divorces of marriages that a death ended, on the date that marriage ended;
 * returns the lapsed divorces.
 */
export async function lapseDivorces(
  tx: Tx,
  endedMarriages: readonly { endedOn: string; marriageId: string }[],
): Promise<StoredDivorce[]> {
  if (endedMarriages.length === 0) return [];

  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
    `UPDATE divorces d SET status = 'lapsed', lapsed_on = u.ended_on::date, updated_at = now()
     FROM unnest($1::bigint[], $2::text[]) AS u(marriage_id, ended_on)
     WHERE d.marriage_id = u.marriage_id AND d.status = 'pending'
     RETURNING d.id::text AS id`,
    endedMarriages.map((marriage) => marriage.marriageId),
    endedMarriages.map((marriage) => marriage.endedOn),
  );

  if (rows.length === 0) return [];

  const lapsed = await tx.$queryRawUnsafe<DivorceRow[]>(
    `${SELECT_DIVORCES} WHERE d.id = ANY($1::bigint[]) ORDER BY d.id`,
    rows.map((row) => row.id),
  );

  return lapsed.map(toDivorce);
}

/** Moves the lapse date of divorces that lapsed on a death whose date was corrected. */
export async function moveLapsedOn(
  tx: Tx,
  marriageIds: readonly string[],
  from: string,
  to: string,
): Promise<void> {
  if (marriageIds.length === 0) return;

  await tx.$executeRawUnsafe(
    `UPDATE divorces SET lapsed_on = $3::date, updated_at = now()
     WHERE marriage_id = ANY($1::bigint[]) AND status = 'lapsed' AND lapsed_on = $2::date`,
    [...marriageIds],
    from,
    to,
  );
}
