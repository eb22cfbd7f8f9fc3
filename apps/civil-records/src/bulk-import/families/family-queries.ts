import type { Tx } from '../../infrastructure/prisma.service';

// The lookups below probe an index once per national number through a LATERAL join. With
// `= ANY(array)` the planner chose to read a whole table or index for every batch of 5,000
// numbers once the tables had grown during an import. On 1 million family members that took
// 180 ms against 16 ms, measured once on the 2-core development machine.

/** Heads among `nationalNumbers`, mapped to the family each heads. */
export async function loadHeads(
  tx: Tx,
  nationalNumbers: readonly string[],
): Promise<Map<string, string>> {
  if (nationalNumbers.length === 0) return new Map();

  const rows = await tx.$queryRawUnsafe<{ family_id: string; head_national_number: string }[]>(
    `SELECT f.family_id, f.head_national_number
     FROM unnest($1::text[]) AS u(national_number)
     CROSS JOIN LATERAL (SELECT family_id, head_national_number FROM families
       WHERE head_national_number = u.national_number) f`,
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

  // `left_on IS NULL` is tested here rather than in SQL: in the WHERE clause it matches the
  // predicate of family_members_current_key, and the planner then scanned that whole index.
  const rows = await tx.$queryRawUnsafe<
    { current: boolean; family_id: string; national_number: string }[]
  >(
    `SELECT m.national_number, m.family_id, m.left_on IS NULL AS current
     FROM unnest($1::text[]) AS u(national_number)
     CROSS JOIN LATERAL (SELECT national_number, family_id, left_on FROM family_members
       WHERE national_number = u.national_number) m`,
    [...new Set(nationalNumbers)],
  );

  return new Map(
    rows.filter((row) => row.current).map((row) => [row.national_number, row.family_id]),
  );
}

/** Active marriages of the women among `nationalNumbers`: wife to family id. */
export async function loadMarriedWives(
  tx: Tx,
  nationalNumbers: readonly string[],
): Promise<Map<string, string>> {
  if (nationalNumbers.length === 0) return new Map();

  const rows = await tx.$queryRawUnsafe<{ family_id: string; wife_national_number: string }[]>(
    `SELECT m.wife_national_number, m.family_id
     FROM unnest($1::text[]) AS u(national_number)
     CROSS JOIN LATERAL (SELECT wife_national_number, family_id FROM marriages
       WHERE wife_national_number = u.national_number AND status = 'active') m`,
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
     SELECT x."husbandNationalNumber", x."wifeNationalNumber", x."familyId", x.date,
       (CASE WHEN x."endedOn" IS NULL THEN 'active' ELSE 'widowed' END)::marriage_status,
       x."endedOn"
     FROM json_to_recordset($1::json) AS x("husbandNationalNumber" text,
       "wifeNationalNumber" text, "familyId" text, date date, "endedOn" date)
     RETURNING id::text AS id, wife_national_number, status::text AS status`,
    JSON.stringify(marriages),
  );

  return new Map(
    rows.filter((row) => row.status === 'widowed').map((row) => [row.wife_national_number, row.id]),
  );
}

export interface ImportedFamily {
  familyId: string;
  governorate: string;
  headNationalNumber: string;
}

export interface ImportedMember {
  familyId: string;
  joinedOn: string;
  nationalNumber: string;
  role: string;
}

/** Inserts family books at version 1 in one statement. */
export async function insertFamilies(tx: Tx, families: readonly ImportedFamily[]): Promise<void> {
  if (families.length === 0) return;

  await tx.$executeRawUnsafe(
    `INSERT INTO families (family_id, governorate, head_national_number, version)
     SELECT x."familyId", x.governorate, x."headNationalNumber", 1
     FROM json_to_recordset($1::json) AS x("familyId" text, governorate text, "headNationalNumber" text)`,
    JSON.stringify(families),
  );
}

/** Inserts current memberships of family books in one statement. */
export async function insertMembers(tx: Tx, members: readonly ImportedMember[]): Promise<void> {
  if (members.length === 0) return;

  await tx.$executeRawUnsafe(
    `INSERT INTO family_members (family_id, national_number, role, joined_on)
     SELECT x."familyId", x."nationalNumber", x.role::family_role, x."joinedOn"
     FROM json_to_recordset($1::json) AS x("familyId" text, "nationalNumber" text, role text, "joinedOn" date)`,
    JSON.stringify(members),
  );
}
