import { Injectable } from '@nestjs/common';

import { FamilyUpdated, PersonCorrected, type EventData } from '@bitaqa/contracts';
import { NotFoundError } from '@bitaqa/http';

import { Clock } from '../infrastructure/clock';
import { enqueueEvents } from '../infrastructure/outbox';
import { PrismaService, type Tx } from '../infrastructure/prisma.service';
import {
  findByDecision,
  findCorrection,
  insertCorrection,
  type StoredCorrection,
} from '../registry/correction-store';
import { moveLapsedOn } from '../registry/divorce-store';
import { FamilyBook } from '../registry/family-book';
import { familyIdsOfPersons, lockFamilies, moveBirthJoinDate } from '../registry/family-store';
import { appendJournal } from '../registry/journal';
import { moveWidowedEnd } from '../registry/marriage-store';
import { lockPersons, updateRecord } from '../registry/person-store';
import { requirePerson } from '../registry/rules';
import type { PersonRecord } from '../registry/types';

import { planCorrection, requireSameCorrection, type CorrectionPlan } from './correction-checks';
import { loadCorrectionContext } from './correction-context';
import type { CorrectionRequest, CorrectionResult, CorrectionView } from './dto/correction.dto';

type CorrectedData = EventData<typeof PersonCorrected.type>;

function correctedData(person: PersonRecord, correction: StoredCorrection): CorrectedData {
  return {
    birthDate: person.birthDate,
    birthPlace: person.birthPlace,
    changedFields: correction.changedFields as CorrectedData['changedFields'],
    correctionId: correction.correctionId,
    dateOfDeath: person.dateOfDeath,
    decision: correction.decision,
    effectiveOn: correction.decision.date,
    familyNameAr: person.familyNameAr,
    fatherNameAr: person.fatherNameAr,
    fatherNationalNumber: person.fatherNationalNumber,
    givenNameAr: person.givenNameAr,
    grandfatherNameAr: person.grandfatherNameAr,
    motherNameAr: person.motherNameAr,
    motherNationalNumber: person.motherNationalNumber,
    nationalNumber: person.nationalNumber,
    registrationGovernorate: person.registrationGovernorate,
    sex: person.sex,
  };
}

@Injectable()
export class CorrectionsService {
  constructor(
    private readonly clock: Clock,
    private readonly prisma: PrismaService,
  ) {}

  /**
   * Applies a court-ordered correction to a person's record, checked like a registration, and
   * publishes PersonCorrected, plus FamilyUpdated for each book whose snapshot lists the changed
   * birth date. The same decision sent again returns the stored correction.
   */
  correct(request: CorrectionRequest, recordedBy: string): Promise<CorrectionResult> {
    return this.prisma.transactionAs(recordedBy, async (tx) => {
      const persons = await lockPersons(tx, [request.nationalNumber], 'update');
      const person = requirePerson(persons, request.nationalNumber, 'nationalNumber');
      const applied = await findByDecision(tx, person.nationalNumber, request.decision);

      if (applied) {
        requireSameCorrection(applied, request);

        return { ...applied, familyIds: [], status: 'existing' };
      }

      const context = await loadCorrectionContext(tx, person, this.clock.today());
      const plan = planCorrection(request, context);
      const correction = await insertCorrection(tx, {
        changedFields: plan.changed,
        decision: request.decision,
        nationalNumber: person.nationalNumber,
        ordered: request.changes,
        previous: plan.previous,
      });
      const familyEvents = await this.apply(tx, person, plan);

      await appendJournal(tx, [
        {
          decision: request.decision,
          details: { correctionId: correction.correctionId },
          effectiveOn: request.decision.date,
          fields: Object.fromEntries(plan.changed.map((field) => [field, plan.next[field]])),
          kind: 'correction',
          nationalNumber: person.nationalNumber,
          previous: plan.previous,
        },
      ]);
      await enqueueEvents(tx, PersonCorrected, [correctedData(plan.next, correction)]);
      await enqueueEvents(tx, FamilyUpdated, familyEvents);

      return {
        ...correction,
        familyIds: familyEvents.map((event) => event.familyId),
        status: 'created',
      };
    });
  }

  async get(correctionId: string): Promise<CorrectionView> {
    const correction = await findCorrection(this.prisma, correctionId);

    if (!correction) {
      throw new NotFoundError('CORRECTION_NOT_FOUND', `no correction with id ${correctionId}`, {
        field: 'correctionId',
        hint: 'use the correctionId returned by POST /corrections',
        value: correctionId,
      });
    }

    return correction;
  }

  /**
   * Writes the corrected record and what follows from it. A membership by birth starts on the
   * new birth date, and the books that list the person take it too. The marriages the person's
   * death widowed end on the new date of death.
   */
  private async apply(
    tx: Tx,
    person: PersonRecord,
    plan: CorrectionPlan,
  ): Promise<EventData<typeof FamilyUpdated.type>[]> {
    await updateRecord(tx, plan.next);

    if (plan.changed.includes('dateOfDeath')) {
      const from = person.dateOfDeath as string;
      const to = plan.next.dateOfDeath as string;
      const marriageIds = await moveWidowedEnd(tx, person.nationalNumber, from, to);

      await moveLapsedOn(tx, marriageIds, from, to);
    }
    if (!plan.changed.includes('birthDate')) return [];

    await moveBirthJoinDate(tx, person.nationalNumber, person.birthDate, plan.next.birthDate);

    const book = new FamilyBook(
      await lockFamilies(tx, await familyIdsOfPersons(tx, [person.nationalNumber])),
    );

    for (const family of book.updateMember(person.nationalNumber, {
      birthDate: plan.next.birthDate,
    })) {
      book.recordChange(family, 'correction');
    }

    return book.save(tx);
  }
}
