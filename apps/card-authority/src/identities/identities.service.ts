import { Injectable } from '@nestjs/common';

import type { DbTransaction } from '../database/transaction';
import type { Identity as IdentityRow } from '../generated/prisma/client';
import { toIsoDate } from '../cards/card-dates';

import type { IdentitySnapshot } from './identity';

/**
 * The latest identity version per national number. Identity events for one person arrive in
 * order on one partition, but a replay or a republished old version must not overwrite newer
 * data, so a version at or below the stored one is ignored.
 */
@Injectable()
export class IdentitiesService {
  /**
   * Stores `identity` when it is newer than the stored version and returns true; returns false
   * and changes nothing for an older or equal version. The identity row stays locked until the
   * transaction ends, so two events for one person cannot both issue a card.
   */
  async saveIfNewer(tx: DbTransaction, identity: IdentitySnapshot): Promise<boolean> {
    const stored = await tx.$executeRaw`
      INSERT INTO identities (
        national_number, version, status, family_role, family_id, birth_date, sex, governorate,
        given_name_ar, father_name_ar, mother_name_ar, family_name_ar,
        given_name_latin, family_name_latin, merged_into
      ) VALUES (
        ${identity.nationalNumber}, ${identity.version}, ${identity.status},
        ${identity.familyRole}, ${identity.familyId}, ${identity.birthDate}::date,
        ${identity.sex}, ${identity.governorate}, ${identity.givenNameAr},
        ${identity.fatherNameAr}, ${identity.motherNameAr}, ${identity.familyNameAr},
        ${identity.givenNameLatin}, ${identity.familyNameLatin}, ${identity.mergedInto ?? null}
      )
      ON CONFLICT (national_number) DO UPDATE SET
        version = EXCLUDED.version, status = EXCLUDED.status,
        family_role = EXCLUDED.family_role, family_id = EXCLUDED.family_id,
        birth_date = EXCLUDED.birth_date, sex = EXCLUDED.sex, governorate = EXCLUDED.governorate,
        given_name_ar = EXCLUDED.given_name_ar, father_name_ar = EXCLUDED.father_name_ar,
        mother_name_ar = EXCLUDED.mother_name_ar, family_name_ar = EXCLUDED.family_name_ar,
        given_name_latin = EXCLUDED.given_name_latin,
        family_name_latin = EXCLUDED.family_name_latin, merged_into = EXCLUDED.merged_into,
        updated_at = now()
      WHERE identities.version < EXCLUDED.version`;

    return stored === 1;
  }

  async find(tx: DbTransaction, nationalNumber: string): Promise<IdentitySnapshot | undefined> {
    const row = await tx.identity.findUnique({ where: { nationalNumber } });

    return row ? toSnapshot(row) : undefined;
  }

  /**
   * Locks the stored identity until the transaction ends and returns it. Card decisions about a
   * person that start from another event (a merge, an officer's replacement) lock it, so they
   * serialize with that person's own identity events.
   */
  async lock(tx: DbTransaction, nationalNumber: string): Promise<IdentitySnapshot | undefined> {
    const [row] = await tx.$queryRaw<{ national_number: string }[]>`
      SELECT national_number FROM identities WHERE national_number = ${nationalNumber} FOR UPDATE`;

    return row ? this.find(tx, nationalNumber) : undefined;
  }
}

function toSnapshot(row: IdentityRow): IdentitySnapshot {
  return {
    birthDate: toIsoDate(row.birthDate),
    familyId: row.familyId,
    familyNameAr: row.familyNameAr,
    familyNameLatin: row.familyNameLatin,
    familyRole: row.familyRole as IdentitySnapshot['familyRole'],
    fatherNameAr: row.fatherNameAr,
    givenNameAr: row.givenNameAr,
    givenNameLatin: row.givenNameLatin,
    governorate: row.governorate,
    mergedInto: row.mergedInto,
    motherNameAr: row.motherNameAr,
    nationalNumber: row.nationalNumber,
    sex: row.sex as IdentitySnapshot['sex'],
    status: row.status as IdentitySnapshot['status'],
    version: row.version,
  };
}
