import type { Tx } from '../infrastructure/prisma.service';

import { toIsoDate } from './dates';

export interface ActiveMarriage {
  date: string;
  familyId: string;
  husbandNationalNumber: string;
  id: string;
  wifeNationalNumber: string;
}

export interface StoredMarriage extends ActiveMarriage {
  status: 'active' | 'divorced' | 'widowed';
}

export interface NewMarriage {
  date: string;
  familyId: string;
  husbandNationalNumber: string;
  wifeNationalNumber: string;
}

interface MarriageRow {
  date: Date;
  status: StoredMarriage['status'];
  family_id: string;
  husband_national_number: string;
  id: string;
  wife_national_number: string;
}

const SELECT_MARRIAGES = `
SELECT id::text AS id, husband_national_number, wife_national_number, family_id, date,
  status::text AS status
FROM marriages
WHERE (husband_national_number = ANY($1::text[]) OR wife_national_number = ANY($1::text[]))`;

/** Marriages, whatever their status, in which any of the persons is husband or wife. */
export async function marriagesOf(
  tx: Tx,
  nationalNumbers: readonly string[],
  onlyActive = false,
): Promise<StoredMarriage[]> {
  if (nationalNumbers.length === 0) return [];

  const rows = await tx.$queryRawUnsafe<MarriageRow[]>(
    `${SELECT_MARRIAGES} ${onlyActive ? "AND status = 'active'" : ''} ORDER BY id`,
    [...new Set(nationalNumbers)],
  );

  return rows.map((row) => ({
    date: toIsoDate(row.date),
    familyId: row.family_id,
    husbandNationalNumber: row.husband_national_number,
    id: row.id,
    status: row.status,
    wifeNationalNumber: row.wife_national_number,
  }));
}

/** Active marriages in which any of the persons is husband or wife. */
export function activeMarriagesOf(
  tx: Tx,
  nationalNumbers: readonly string[],
): Promise<StoredMarriage[]> {
  return marriagesOf(tx, nationalNumbers, true);
}

/**
 * Inserts marriages in one statement and returns their ids keyed by the wife's national number,
 * which is unique among active marriages.
 */
export async function insertMarriages(
  tx: Tx,
  marriages: readonly NewMarriage[],
): Promise<Map<string, string>> {
  if (marriages.length === 0) return new Map();

  const rows = await tx.$queryRawUnsafe<{ id: string; wife_national_number: string }[]>(
    `INSERT INTO marriages (husband_national_number, wife_national_number, family_id, date)
     SELECT u.husband, u.wife, u.family_id, u.date::date
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(husband, wife, family_id, date)
     RETURNING id::text AS id, wife_national_number`,
    marriages.map((marriage) => marriage.husbandNationalNumber),
    marriages.map((marriage) => marriage.wifeNationalNumber),
    marriages.map((marriage) => marriage.familyId),
    marriages.map((marriage) => marriage.date),
  );

  return new Map(rows.map((row) => [row.wife_national_number, row.id]));
}

/** Ends the active marriages of persons who died, as widowed on the date of death. */
export async function widowSpousesOf(
  tx: Tx,
  deaths: readonly { dateOfDeath: string; nationalNumber: string }[],
): Promise<void> {
  if (deaths.length === 0) return;

  await tx.$executeRawUnsafe(
    `UPDATE marriages m SET status = 'widowed', ended_on = u.date_of_death::date
     FROM unnest($1::text[], $2::text[]) AS u(national_number, date_of_death)
     WHERE m.status = 'active'
       AND (m.husband_national_number = u.national_number OR m.wife_national_number = u.national_number)`,
    deaths.map((death) => death.nationalNumber),
    deaths.map((death) => death.dateOfDeath),
  );
}
