import type { Tx } from '../infrastructure/prisma.service';

import { toIsoDate } from './dates';
import type { FamilyRole, FamilyState, MemberState, Sex } from './types';

interface FamilyRow {
  family_id: string;
  governorate: string;
  head_national_number: string;
  version: number;
}

interface MemberRow {
  birth_date: Date;
  date_of_death: Date | null;
  family_id: string;
  id: string;
  joined_on: Date;
  national_number: string;
  role: FamilyRole;
  sex: Sex;
}

const SELECT_CURRENT_MEMBERS = `
SELECT m.id::text AS id, m.family_id, m.national_number, m.role::text AS role, m.joined_on,
  p.sex::text AS sex, p.birth_date, p.date_of_death
FROM family_members m JOIN persons p ON p.national_number = m.national_number
WHERE m.family_id = ANY($1::text[]) AND m.left_on IS NULL
ORDER BY m.id`;

function toMember(row: MemberRow): MemberState {
  return {
    alive: row.date_of_death === null,
    birthDate: toIsoDate(row.birth_date),
    joinedOn: toIsoDate(row.joined_on),
    membershipId: row.id,
    nationalNumber: row.national_number,
    role: row.role,
    sex: row.sex,
  };
}

/**
 * Loads family books with their current members and locks the family rows, in family-id
 * order, until the transaction ends. Families that do not exist are absent from the map.
 */
export async function lockFamilies(
  tx: Tx,
  familyIds: readonly string[],
): Promise<Map<string, FamilyState>> {
  const ids = [...new Set(familyIds)];

  if (ids.length === 0) return new Map();

  const familyRows = await tx.$queryRawUnsafe<FamilyRow[]>(
    `SELECT family_id, governorate, head_national_number, version FROM families
     WHERE family_id = ANY($1::text[]) ORDER BY family_id FOR UPDATE`,
    ids,
  );
  const memberRows = await tx.$queryRawUnsafe<MemberRow[]>(SELECT_CURRENT_MEMBERS, ids);
  const families = new Map<string, FamilyState>(
    familyRows.map((row) => [
      row.family_id,
      {
        familyId: row.family_id,
        governorate: row.governorate,
        headNationalNumber: row.head_national_number,
        isNew: false,
        members: [],
        version: row.version,
      },
    ]),
  );

  for (const row of memberRows) families.get(row.family_id)?.members.push(toMember(row));

  return families;
}

/** Ids of the families in which any of the persons is a current member or the head. */
export async function familyIdsOfPersons(
  tx: Tx,
  nationalNumbers: readonly string[],
): Promise<string[]> {
  if (nationalNumbers.length === 0) return [];

  const rows = await tx.$queryRawUnsafe<{ family_id: string }[]>(
    `SELECT family_id FROM family_members
     WHERE national_number = ANY($1::text[]) AND left_on IS NULL
     UNION
     SELECT family_id FROM families WHERE head_national_number = ANY($1::text[])`,
    [...new Set(nationalNumbers)],
  );

  return rows.map((row) => row.family_id);
}

export interface NewFamilyRow {
  familyId: string;
  governorate: string;
  headNationalNumber: string;
  version: number;
}

export interface NewMemberRow {
  familyId: string;
  joinedOn: string;
  nationalNumber: string;
  role: FamilyRole;
}

export async function insertFamilies(tx: Tx, rows: readonly NewFamilyRow[]): Promise<void> {
  if (rows.length === 0) return;

  await tx.$executeRawUnsafe(
    `INSERT INTO families (family_id, governorate, head_national_number, version)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])`,
    rows.map((row) => row.familyId),
    rows.map((row) => row.governorate),
    rows.map((row) => row.headNationalNumber),
    rows.map((row) => row.version),
  );
}

export async function insertMembers(tx: Tx, rows: readonly NewMemberRow[]): Promise<void> {
  if (rows.length === 0) return;

  await tx.$executeRawUnsafe(
    `INSERT INTO family_members (family_id, national_number, role, joined_on)
     SELECT u.family_id, u.national_number, u.role::family_role, u.joined_on::date
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       AS u(family_id, national_number, role, joined_on)`,
    rows.map((row) => row.familyId),
    rows.map((row) => row.nationalNumber),
    rows.map((row) => row.role),
    rows.map((row) => row.joinedOn),
  );
}

/** Ends stored memberships: the member moved to another family book on `leftOn`. */
export async function endMemberships(
  tx: Tx,
  ended: readonly { leftOn: string; membershipId: string }[],
): Promise<void> {
  if (ended.length === 0) return;

  await tx.$executeRawUnsafe(
    `UPDATE family_members m SET left_on = u.left_on::date
     FROM unnest($1::bigint[], $2::text[]) AS u(id, left_on) WHERE m.id = u.id`,
    ended.map((entry) => entry.membershipId),
    ended.map((entry) => entry.leftOn),
  );
}

export async function updateVersions(
  tx: Tx,
  families: readonly { familyId: string; version: number }[],
): Promise<void> {
  if (families.length === 0) return;

  await tx.$executeRawUnsafe(
    `UPDATE families f SET version = u.version, updated_at = now()
     FROM unnest($1::text[], $2::int[]) AS u(family_id, version) WHERE f.family_id = u.family_id`,
    families.map((family) => family.familyId),
    families.map((family) => family.version),
  );
}

/** Id of the family book headed by the person, if any. */
export async function familyHeadedBy(tx: Tx, nationalNumber: string): Promise<string | undefined> {
  const rows = await tx.$queryRawUnsafe<{ family_id: string }[]>(
    'SELECT family_id FROM families WHERE head_national_number = $1',
    nationalNumber,
  );

  return rows[0]?.family_id;
}

/** Moves the date a person joined the books as a child by birth, after a birth-date correction. */
export async function moveBirthJoinDate(
  tx: Tx,
  nationalNumber: string,
  from: string,
  to: string,
): Promise<void> {
  await tx.$executeRawUnsafe(
    `UPDATE family_members SET joined_on = $3::date
     WHERE national_number = $1 AND role = 'child' AND joined_on = $2::date`,
    nationalNumber,
    from,
    to,
  );
}
