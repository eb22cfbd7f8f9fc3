import { Injectable } from '@nestjs/common';

import type { EventData, FamilyUpdated } from '@bitaqa/contracts';

import type { Tx } from '../infrastructure/prisma.service';
import type { StoredDivorce } from '../registry/divorce-store';
import { FamilyBook } from '../registry/family-book';
import { familyHeadedBy, lockFamilies } from '../registry/family-store';
import type { PersonRecord } from '../registry/types';

/** Family book changes of a final divorce. */
@Injectable()
export class DivorceBooks {
  /**
   * Takes the wife out of the husband's book on `on` and leaves the children in it. The civil
   * register lists a divorced woman again as a child in her father's book, so she joins it when
   * the register contains one. Returns the FamilyUpdated data of each changed book.
   */
  async separate(
    tx: Tx,
    divorce: StoredDivorce,
    wife: PersonRecord,
    on: string,
  ): Promise<EventData<typeof FamilyUpdated.type>[]> {
    const fatherFamilyId =
      wife.fatherNationalNumber === null
        ? undefined
        : await familyHeadedBy(tx, wife.fatherNationalNumber);
    const book = new FamilyBook(
      await lockFamilies(tx, [divorce.familyId, ...(fatherFamilyId ? [fatherFamilyId] : [])]),
    );
    const husbandFamily = book.get(divorce.familyId);
    const listed = (familyId: string | undefined) =>
      familyId !== undefined &&
      book.get(familyId)?.members.some((member) => member.nationalNumber === wife.nationalNumber);

    if (husbandFamily && listed(divorce.familyId)) {
      book.removeMember(husbandFamily, wife.nationalNumber, on);
      book.recordChange(husbandFamily, 'divorce');
    }

    const fatherFamily = fatherFamilyId === undefined ? undefined : book.get(fatherFamilyId);

    if (fatherFamily && !listed(fatherFamilyId)) {
      book.addMember(fatherFamily, {
        alive: true,
        birthDate: wife.birthDate,
        joinedOn: on,
        nationalNumber: wife.nationalNumber,
        role: 'child',
        sex: 'F',
      });
      book.recordChange(fatherFamily, 'divorce');
    }

    return book.save(tx);
  }
}
