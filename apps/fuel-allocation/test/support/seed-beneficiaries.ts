import type { Client } from 'pg';

import { nextFamilyId, nextNationalNumber } from './builders';

export interface SeededMember {
  alive?: boolean;
  /** Adds a row to `deaths`, as a `PersonDied` event would. */
  diedOn?: string;
  role: string;
}

export interface SeededFamily {
  familyId: string;
  governorate: string;
  headNationalNumber: string;
  nationalNumbers: string[];
}

/**
 * Writes a family straight into the service's read model (families, family_members, deaths),
 * for suites that need many exact families and not the event path that builds them.
 */
export async function seedFamily(
  sql: Client,
  governorate: string,
  members: SeededMember[],
): Promise<SeededFamily> {
  const familyId = nextFamilyId(governorate);
  const numbers = members.map(() => nextNationalNumber(Number(governorate.slice(2))));
  const head = numbers[members.findIndex((member) => member.role === 'head')] ?? numbers[0];

  await sql.query(
    `INSERT INTO families (family_id, governorate, head_national_number, version)
     VALUES ($1, $2, $3, 1)`,
    [familyId, governorate, head],
  );
  for (const [index, member] of members.entries()) {
    await sql.query(
      `INSERT INTO family_members (family_id, national_number, role, alive, birth_date)
       VALUES ($1, $2, $3, $4, '1980-01-01')`,
      [familyId, numbers[index], member.role, member.alive ?? true],
    );
    if (member.diedOn) {
      await sql.query('INSERT INTO deaths (national_number, date_of_death) VALUES ($1, $2)', [
        numbers[index],
        member.diedOn,
      ]);
    }
  }

  return { familyId, governorate, headNationalNumber: head as string, nationalNumbers: numbers };
}

const LEADING_ROLES = ['head', 'wife'];

/** Builds `size` living members: a head, a wife, and children for the rest. */
export function members(size: number): SeededMember[] {
  return Array.from({ length: size }, (_, index) => ({ role: LEADING_ROLES[index] ?? 'child' }));
}

export async function seedVehicle(
  sql: Client,
  plate: string,
  vehicleClass: string,
  ownerNationalNumber: string,
): Promise<void> {
  await sql.query(
    `INSERT INTO vehicles (plate, vehicle_class, owner_national_number)
     VALUES ($1, $2::vehicle_class, $3)`,
    [plate, vehicleClass, ownerNationalNumber],
  );
}
