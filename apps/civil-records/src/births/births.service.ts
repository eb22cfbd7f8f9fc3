import { Injectable } from '@nestjs/common';

import { FamilyUpdated, PersonRegistered } from '@bitaqa/contracts';
import { ConflictError } from '@bitaqa/http';

import { Clock } from '../infrastructure/clock';
import { enqueueEvents } from '../infrastructure/outbox';
import { PrismaService, type Tx } from '../infrastructure/prisma.service';
import {
  parseItem,
  rejectItem,
  singleResult,
  toBatchResponse,
  type BatchResponse,
  type ItemOutcome,
} from '../registry/batch';
import { personRegisteredData } from '../registry/events';
import { FamilyBook } from '../registry/family-book';
import { lockFamilies } from '../registry/family-store';
import { marriagesOf, type StoredMarriage } from '../registry/marriage-store';
import {
  childrenOfMothers,
  findByExternalRefs,
  insertPersons,
  lockPersons,
} from '../registry/person-store';
import { allocateNationalNumbers } from '../registry/sequences';
import type { FamilyState, PersonRecord } from '../registry/types';

import { decideBirth, marriageKey, type BirthContext } from './birth-checks';
import { birthRequest, type BirthRequest, type BirthResult } from './dto/birth.dto';

interface AcceptedBirth {
  child: PersonRecord;
  family: FamilyState;
  index: number;
}

// The contracts cap Arabic names at 80 characters. When the mother's given and family names
// together are longer, the child's record carries her given name only.
const MAX_NAME_LENGTH = 80;

function motherFullName(mother: PersonRecord): string {
  const fullName = `${mother.givenNameAr} ${mother.familyNameAr}`;

  return fullName.length <= MAX_NAME_LENGTH ? fullName : mother.givenNameAr;
}

/** Builds the child's record: names follow the father's line, the number his family's governorate. */
function childRecord(
  request: BirthRequest,
  father: PersonRecord,
  mother: PersonRecord,
  family: FamilyState,
): PersonRecord {
  return {
    birthDate: request.birthDate,
    birthPlace: request.birthPlace,
    dateOfDeath: null,
    externalRef: request.externalRef ?? null,
    familyNameAr: father.familyNameAr,
    fatherNameAr: father.givenNameAr,
    fatherNationalNumber: father.nationalNumber,
    givenNameAr: request.givenNameAr,
    grandfatherNameAr: father.fatherNameAr,
    motherNameAr: motherFullName(mother),
    motherNationalNumber: mother.nationalNumber,
    nationalNumber: '',
    registrationGovernorate: family.governorate,
    sex: request.sex,
  };
}

/** Groups marriages by couple, latest first. */
function byCouple(marriages: readonly StoredMarriage[]): Map<string, StoredMarriage[]> {
  const couples = new Map<string, StoredMarriage[]>();

  for (const marriage of [...marriages].sort((a, b) => b.date.localeCompare(a.date))) {
    const key = marriageKey(marriage.husbandNationalNumber, marriage.wifeNationalNumber);

    couples.set(key, [...(couples.get(key) ?? []), marriage]);
  }

  return couples;
}

@Injectable()
export class BirthsService {
  constructor(
    private readonly clock: Clock,
    private readonly prisma: PrismaService,
  ) {}

  /** Registers one birth for `recordedBy`; throws the ApiError of the first rule it breaks. */
  async register(request: BirthRequest, recordedBy: string): Promise<BirthResult> {
    return singleResult(await this.registerAll([{ index: 0, request }], recordedBy));
  }

  /** Registers a batch of births; each item succeeds or fails on its own. */
  async registerBatch(
    items: readonly unknown[],
    recordedBy: string,
  ): Promise<BatchResponse<BirthResult>> {
    const outcomes: ItemOutcome<BirthResult>[] = [];
    const valid: { index: number; request: BirthRequest }[] = [];

    items.forEach((item, index) => {
      try {
        valid.push({ index, request: parseItem(birthRequest, item) });
      } catch (error) {
        outcomes.push(rejectItem(index, error));
      }
    });
    outcomes.push(...(await this.registerAll(valid, recordedBy)));

    return toBatchResponse(outcomes);
  }

  private async registerAll(
    items: readonly { index: number; request: BirthRequest }[],
    recordedBy: string,
  ): Promise<ItemOutcome<BirthResult>[]> {
    if (items.length === 0) return [];

    return this.prisma.transactionAs(recordedBy, async (tx) => {
      const { book, context } = await this.loadContext(
        tx,
        items.map((item) => item.request),
      );
      const outcomes: ItemOutcome<BirthResult>[] = [];
      const accepted: AcceptedBirth[] = [];

      for (const { index, request } of items) {
        try {
          const decision = decideBirth(request, context);

          if (decision.kind === 'existing') {
            outcomes.push({ index, ok: true, result: decision.result });
            continue;
          }

          const family = book.get(decision.marriage.familyId) as FamilyState;
          const child = childRecord(request, decision.father, decision.mother, family);

          accepted.push({ child, family, index });
          this.rememberAccepted(context, child);
        } catch (error) {
          outcomes.push(rejectItem(index, error));
        }
      }

      return [...outcomes, ...(await this.saveBirths(tx, book, accepted))];
    });
  }

  private async loadContext(
    tx: Tx,
    requests: readonly BirthRequest[],
  ): Promise<{ book: FamilyBook; context: BirthContext }> {
    const fathers = requests.map((request) => request.fatherNationalNumber);
    const mothers = requests.map((request) => request.motherNationalNumber);
    const refs = requests.flatMap((request) => request.externalRef ?? []);
    const parents = await lockPersons(tx, [...fathers, ...mothers], 'update');
    const marriages = await marriagesOf(tx, fathers);
    const book = new FamilyBook(
      await lockFamilies(
        tx,
        marriages.map((m) => m.familyId),
      ),
    );
    const childrenByMother = new Map<string, PersonRecord[]>();

    for (const child of await childrenOfMothers(tx, mothers)) {
      const mother = child.motherNationalNumber as string;

      childrenByMother.set(mother, [...(childrenByMother.get(mother) ?? []), child]);
    }

    const context: BirthContext = {
      childrenByMother,
      existingByRef: await findByExternalRefs(tx, refs),
      marriages: byCouple(marriages),
      parents,
      seenRefs: new Set(),
      today: this.clock.today(),
    };

    return { book, context };
  }

  private rememberAccepted(context: BirthContext, child: PersonRecord): void {
    const mother = child.motherNationalNumber as string;

    context.childrenByMother.set(mother, [...(context.childrenByMother.get(mother) ?? []), child]);
    if (child.externalRef !== null) context.seenRefs.add(child.externalRef);
  }

  private async saveBirths(
    tx: Tx,
    book: FamilyBook,
    accepted: readonly AcceptedBirth[],
  ): Promise<ItemOutcome<BirthResult>[]> {
    if (accepted.length === 0) return [];

    await this.insertChildren(tx, accepted);

    for (const birth of accepted) {
      book.addMember(birth.family, {
        alive: true,
        birthDate: birth.child.birthDate,
        joinedOn: birth.child.birthDate,
        nationalNumber: birth.child.nationalNumber,
        role: 'child',
        sex: birth.child.sex,
      });
      book.recordChange(birth.family, 'birth');
    }

    const familyEvents = await book.save(tx);

    await enqueueEvents(
      tx,
      PersonRegistered,
      accepted.map((birth) => personRegisteredData(birth.child, 'birth')),
    );
    await enqueueEvents(tx, FamilyUpdated, familyEvents);

    return accepted.map((birth) => ({
      index: birth.index,
      ok: true,
      result: {
        externalRef: birth.child.externalRef,
        familyId: birth.family.familyId,
        nationalNumber: birth.child.nationalNumber,
        status: 'created',
      },
    }));
  }

  /** Gives each child a national number and inserts them all in one statement. */
  private async insertChildren(tx: Tx, accepted: readonly AcceptedBirth[]): Promise<void> {
    const numbers = await allocateNationalNumbers(
      tx,
      accepted.map((birth) => birth.child.registrationGovernorate),
    );

    accepted.forEach((birth, position) => {
      birth.child.nationalNumber = numbers[position] as string;
    });

    const inserted = await insertPersons(
      tx,
      accepted.map((birth) => birth.child),
      'birth',
    );

    if (inserted.size !== accepted.length) {
      throw new ConflictError(
        'CONCURRENT_REGISTRATION',
        'another request registered one of these externalRefs at the same time',
        { hint: 'send the request again; registered externalRefs are then reported as existing' },
      );
    }
  }
}
