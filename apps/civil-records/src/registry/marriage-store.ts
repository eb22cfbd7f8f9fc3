import type { Tx } from '../infrastructure/prisma.service';

import { toIsoDate, toIsoDateOrNull } from './dates';
import type { CourtReference } from './validators';

export interface ActiveMarriage {
  date: string;
  familyId: string;
  husbandNationalNumber: string;
  id: string;
  wifeNationalNumber: string;
}

export type MarriageStatus = 'active' | 'divorced' | 'widowed';

export interface StoredMarriage extends ActiveMarriage {
  /** Court decision that let a spouse aged 15 to 17 marry. */
  courtDecision: CourtReference | null;
  /** Date of the death or divorce that ended the marriage; null while active. */
  endedOn: string | null;
  status: MarriageStatus;
}

export interface NewMarriage {
  courtDecision: CourtReference | null;
  date: string;
  familyId: string;
  husbandNationalNumber: string;
  wifeNationalNumber: string;
}

interface MarriageRow {
  court_decision_court: string | null;
  court_decision_date: Date | null;
  court_decision_number: string | null;
  date: Date;
  ended_on: Date | null;
  family_id: string;
  husband_national_number: string;
  id: string;
  status: MarriageStatus;
  wife_national_number: string;
}

/** Select list of a marriage row, with the table alias `alias` when the query needs one. */
export function marriageColumns(alias = 'marriages'): string {
  const columns = [
    'id::text AS id',
    'husband_national_number',
    'wife_national_number',
    'family_id',
    'date',
    'status::text AS status',
    'ended_on',
    'court_decision_number',
    'court_decision_court',
    'court_decision_date',
  ];

  return columns.map((column) => `${alias}.${column}`).join(', ');
}

export function toStoredMarriage(row: MarriageRow): StoredMarriage {
  return {
    courtDecision:
      row.court_decision_date === null
        ? null
        : {
            court: row.court_decision_court as string,
            date: toIsoDate(row.court_decision_date),
            number: row.court_decision_number as string,
          },
    date: toIsoDate(row.date),
    endedOn: toIsoDateOrNull(row.ended_on),
    familyId: row.family_id,
    husbandNationalNumber: row.husband_national_number,
    id: row.id,
    status: row.status,
    wifeNationalNumber: row.wife_national_number,
  };
}

/** Marriages, whatever their status, in which any of the persons is husband or wife. */
export async function marriagesOf(
  tx: Tx,
  nationalNumbers: readonly string[],
  onlyActive = false,
): Promise<StoredMarriage[]> {
  if (nationalNumbers.length === 0) return [];

  const rows = await tx.$queryRawUnsafe<MarriageRow[]>(
    `SELECT ${marriageColumns()} FROM marriages
     WHERE (husband_national_number = ANY($1::text[]) OR wife_national_number = ANY($1::text[]))
     ${onlyActive ? "AND status = 'active'" : ''} ORDER BY id`,
    [...new Set(nationalNumbers)],
  );

  return rows.map(toStoredMarriage);
}

/** Active marriages in which any of the persons is husband or wife. */
export function activeMarriagesOf(
  tx: Tx,
  nationalNumbers: readonly string[],
): Promise<StoredMarriage[]> {
  return marriagesOf(tx, nationalNumbers, true);
}

/** Loads one marriage by id, or undefined. */
export async function findMarriage(tx: Tx, id: string): Promise<StoredMarriage | undefined> {
  const rows = await tx.$queryRawUnsafe<MarriageRow[]>(
    `SELECT ${marriageColumns()} FROM marriages WHERE id = $1::bigint`,
    id,
  );

  return rows[0] === undefined ? undefined : toStoredMarriage(rows[0]);
}

/**
 * Inserts marriages in one statement and returns their ids keyed by the wife's national number,
 * which is unique among active marriages. A trigger journals each marriage for both spouses.
 */
export async function insertMarriages(
  tx: Tx,
  marriages: readonly NewMarriage[],
): Promise<Map<string, string>> {
  if (marriages.length === 0) return new Map();

  const decision = <K extends keyof CourtReference>(key: K): (string | null)[] =>
    marriages.map((marriage) => marriage.courtDecision?.[key] ?? null);
  const rows = await tx.$queryRawUnsafe<{ id: string; wife_national_number: string }[]>(
    `INSERT INTO marriages (husband_national_number, wife_national_number, family_id, date,
       court_decision_number, court_decision_court, court_decision_date)
     SELECT u.husband, u.wife, u.family_id, u.date::date, u.number, u.court, u.decided_on::date
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
       AS u(husband, wife, family_id, date, number, court, decided_on)
     RETURNING id::text AS id, wife_national_number`,
    marriages.map((marriage) => marriage.husbandNationalNumber),
    marriages.map((marriage) => marriage.wifeNationalNumber),
    marriages.map((marriage) => marriage.familyId),
    marriages.map((marriage) => marriage.date),
    decision('number'),
    decision('court'),
    decision('date'),
  );

  return new Map(rows.map((row) => [row.wife_national_number, row.id]));
}

/**
 * Ends the active marriages of persons who died, as widowed on the earlier death when both
 * spouses are in `deaths`. Returns the marriages it ended.
 */
export async function widowSpousesOf(
  tx: Tx,
  deaths: readonly { dateOfDeath: string; nationalNumber: string }[],
): Promise<StoredMarriage[]> {
  if (deaths.length === 0) return [];

  const rows = await tx.$queryRawUnsafe<MarriageRow[]>(
    `UPDATE marriages m SET status = 'widowed', ended_on = ended.ended_on
     FROM (
       SELECT active.id, min(u.date_of_death::date) AS ended_on
       FROM marriages active
       JOIN unnest($1::text[], $2::text[]) AS u(national_number, date_of_death)
         ON u.national_number IN (active.husband_national_number, active.wife_national_number)
       WHERE active.status = 'active'
       GROUP BY active.id
     ) AS ended
     WHERE m.id = ended.id
     RETURNING ${marriageColumns('m')}`,
    deaths.map((death) => death.nationalNumber),
    deaths.map((death) => death.dateOfDeath),
  );

  return rows.map(toStoredMarriage);
}

/** Ends an active marriage by a final divorce on `endedOn`. */
export async function divorceMarriage(tx: Tx, marriageId: string, endedOn: string): Promise<void> {
  await tx.$executeRawUnsafe(
    `UPDATE marriages SET status = 'divorced', ended_on = $2::date
     WHERE id = $1::bigint AND status = 'active'`,
    marriageId,
    endedOn,
  );
}

/** Moves the end of the marriages a death widowed, after the date of death was corrected. */
export async function moveWidowedEnd(
  tx: Tx,
  nationalNumber: string,
  from: string,
  to: string,
): Promise<string[]> {
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
    `UPDATE marriages SET ended_on = $3::date
     WHERE status = 'widowed' AND ended_on = $2::date
       AND $1 IN (husband_national_number, wife_national_number)
     RETURNING id::text AS id`,
    nationalNumber,
    from,
    to,
  );

  return rows.map((row) => row.id);
}
