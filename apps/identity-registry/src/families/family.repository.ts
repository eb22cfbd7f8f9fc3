import { Injectable } from '@nestjs/common';

import type { Db } from '../identities/identity.repository';

import type { FamilySnapshot } from './family-snapshot';
import type { Membership } from './placement';

/** Reads and writes family snapshots and the memberships they list. */
@Injectable()
export class FamilyRepository {
  /**
   * Records the snapshot as the family's current one if it is newer than the one held, and
   * locks the family row until the transaction ends. Returns false for a snapshot whose
   * version is not newer, which must change nothing.
   */
  async claimVersion(db: Db, snapshot: FamilySnapshot, snapshotAt: Date): Promise<boolean> {
    const rows = await db.$queryRaw<Array<{ family_id: string }>>`
      INSERT INTO families (family_id, governorate, head_national_number, snapshot_at, version)
      VALUES (${snapshot.familyId}, ${snapshot.governorate}, ${snapshot.headNationalNumber},
              ${snapshotAt}, ${snapshot.version})
      ON CONFLICT (family_id) DO UPDATE SET
        governorate = EXCLUDED.governorate,
        head_national_number = EXCLUDED.head_national_number,
        snapshot_at = EXCLUDED.snapshot_at,
        updated_at = now(),
        version = EXCLUDED.version
      WHERE families.version < EXCLUDED.version
      RETURNING family_id`;

    return rows.length === 1;
  }

  async memberNumbers(db: Db, familyId: string): Promise<string[]> {
    const rows = await db.familyMembership.findMany({
      select: { nationalNumber: true },
      where: { familyId },
    });

    return rows.map((row) => row.nationalNumber);
  }

  /**
   * Makes the family's memberships those of the snapshot. A person already listed keeps the
   * time they were first listed; a newly listed person gets `snapshotAt`.
   */
  async replaceMembers(db: Db, snapshot: FamilySnapshot, snapshotAt: Date): Promise<void> {
    const numbers = snapshot.members.map((member) => member.nationalNumber);

    await db.$executeRaw`
      DELETE FROM family_memberships
      WHERE family_id = ${snapshot.familyId} AND NOT (national_number = ANY(${numbers}::text[]))`;
    await db.$executeRaw`
      INSERT INTO family_memberships (family_id, national_number, alive, member_since, role)
      SELECT ${snapshot.familyId}, member.national_number, member.alive, ${snapshotAt},
             member.role::family_role
      FROM unnest(${numbers}::text[], ${snapshot.members.map((member) => member.alive)}::boolean[],
                  ${snapshot.members.map((member) => member.role)}::text[])
           AS member(national_number, alive, role)
      ON CONFLICT (family_id, national_number) DO UPDATE SET
        alive = EXCLUDED.alive,
        role = EXCLUDED.role`;
  }

  /** Every membership of each person, keyed by national number. */
  async membershipsOf(
    db: Db,
    nationalNumbers: readonly string[],
  ): Promise<Map<string, Membership[]>> {
    const rows = await db.familyMembership.findMany({
      where: { nationalNumber: { in: [...nationalNumbers] } },
    });
    const byPerson = new Map<string, Membership[]>();

    for (const row of rows) {
      const memberships = byPerson.get(row.nationalNumber) ?? [];

      memberships.push({ familyId: row.familyId, memberSince: row.memberSince, role: row.role });
      byPerson.set(row.nationalNumber, memberships);
    }

    return byPerson;
  }
}
