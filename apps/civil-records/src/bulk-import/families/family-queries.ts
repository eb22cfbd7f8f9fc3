import type { Tx } from '../../infrastructure/prisma.service';

/** Heads among `nationalNumbers`, mapped to the family each heads. */
export async function loadHeads(
  tx: Tx,
  nationalNumbers: readonly string[],
): Promise<Map<string, string>> {
  if (nationalNumbers.length === 0) return new Map();

  const rows = await tx.$queryRawUnsafe<{ family_id: string; head_national_number: string }[]>(
    `SELECT family_id, head_national_number FROM families
     WHERE head_national_number = ANY($1::text[])`,
    [...new Set(nationalNumbers)],
  );

  return new Map(rows.map((row) => [row.head_national_number, row.family_id]));
}

/** Current memberships of the persons: national number to family id. */
export async function loadMemberships(
  tx: Tx,
  nationalNumbers: readonly string[],
): Promise<Map<string, string>> {
  if (nationalNumbers.length === 0) return new Map();

  const rows = await tx.$queryRawUnsafe<{ family_id: string; national_number: string }[]>(
    `SELECT national_number, family_id FROM family_members
     WHERE national_number = ANY($1::text[]) AND left_on IS NULL`,
    [...new Set(nationalNumbers)],
  );

  return new Map(rows.map((row) => [row.national_number, row.family_id]));
}

/** Active marriages of the women among `nationalNumbers`: wife to family id. */
export async function loadMarriedWives(
  tx: Tx,
  nationalNumbers: readonly string[],
): Promise<Map<string, string>> {
  if (nationalNumbers.length === 0) return new Map();

  const rows = await tx.$queryRawUnsafe<{ family_id: string; wife_national_number: string }[]>(
    `SELECT wife_national_number, family_id FROM marriages
     WHERE wife_national_number = ANY($1::text[]) AND status = 'active'`,
    [...new Set(nationalNumbers)],
  );

  return new Map(rows.map((row) => [row.wife_national_number, row.family_id]));
}

export interface ImportedMarriage {
  date: string;
  /** Date of the first spouse's death for a widowed marriage, otherwise null. */
  endedOn: string | null;
  familyId: string;
  husbandNationalNumber: string;
  wifeNationalNumber: string;
}

/**
 * Inserts marriages in one statement: active ones, and widowed ones with their end date.
 * Returns the ids of the widowed ones, keyed by the wife's national number.
 */
export async function insertMarriages(
  tx: Tx,
  marriages: readonly ImportedMarriage[],
): Promise<Map<string, string>> {
  if (marriages.length === 0) return new Map();

  const rows = await tx.$queryRawUnsafe<
    { id: string; status: string; wife_national_number: string }[]
  >(
    `INSERT INTO marriages (husband_national_number, wife_national_number, family_id, date, status, ended_on)
     SELECT u.husband, u.wife, u.family_id, u.date::date,
       (CASE WHEN u.ended_on IS NULL THEN 'active' ELSE 'widowed' END)::marriage_status,
       u.ended_on::date
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       AS u(husband, wife, family_id, date, ended_on)
     RETURNING id::text AS id, wife_national_number, status::text AS status`,
    marriages.map((marriage) => marriage.husbandNationalNumber),
    marriages.map((marriage) => marriage.wifeNationalNumber),
    marriages.map((marriage) => marriage.familyId),
    marriages.map((marriage) => marriage.date),
    marriages.map((marriage) => marriage.endedOn),
  );

  return new Map(
    rows.filter((row) => row.status === 'widowed').map((row) => [row.wife_national_number, row.id]),
  );
}
