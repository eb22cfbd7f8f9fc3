import { Injectable } from '@nestjs/common';

import { FamilyUpdated } from '@bitaqa/contracts';

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
import { divorcesOf } from '../registry/divorce-store';
import { FamilyBook } from '../registry/family-book';
import { familyIdsOfPersons, lockFamilies } from '../registry/family-store';
import { insertMarriages, marriagesOf } from '../registry/marriage-store';
import { lockPersons } from '../registry/person-store';
import type { FamilyState, PersonRecord } from '../registry/types';
import type { CourtReference } from '../registry/validators';

import { marriageRequest, type MarriageRequest, type MarriageResult } from './dto/marriage.dto';
import { decideMarriage, MarriageRoster, type MarriageContext } from './marriage-checks';

interface AcceptedMarriage {
  courtDecision: CourtReference | null;
  date: string;
  family: FamilyState;
  familyCreated: boolean;
  husband: string;
  index: number;
  wife: string;
}

@Injectable()
export class MarriagesService {
  constructor(
    private readonly clock: Clock,
    private readonly prisma: PrismaService,
  ) {}

  /** Registers one marriage for `recordedBy`; throws the ApiError of the first rule it breaks. */
  async register(request: MarriageRequest, recordedBy: string): Promise<MarriageResult> {
    return singleResult(await this.registerAll([{ index: 0, request }], recordedBy));
  }

  /** Registers a batch of marriages in order; each item succeeds or fails on its own. */
  async registerBatch(
    items: readonly unknown[],
    recordedBy: string,
  ): Promise<BatchResponse<MarriageResult>> {
    const outcomes: ItemOutcome<MarriageResult>[] = [];
    const valid: { index: number; request: MarriageRequest }[] = [];

    items.forEach((item, index) => {
      try {
        valid.push({ index, request: parseItem(marriageRequest, item) });
      } catch (error) {
        outcomes.push(rejectItem(index, error));
      }
    });
    outcomes.push(...(await this.registerAll(valid, recordedBy)));

    return toBatchResponse(outcomes);
  }

  private async registerAll(
    items: readonly { index: number; request: MarriageRequest }[],
    recordedBy: string,
  ): Promise<ItemOutcome<MarriageResult>[]> {
    if (items.length === 0) return [];

    return this.prisma.transactionAs(recordedBy, async (tx) => {
      const spouses = items.flatMap(({ request }) => [
        request.husbandNationalNumber,
        request.wifeNationalNumber,
      ]);
      const persons = await lockPersons(tx, spouses, 'update');
      const pending = await divorcesOf(tx, spouses, 'pending');
      const context: MarriageContext = {
        persons,
        roster: new MarriageRoster(
          await marriagesOf(tx, spouses),
          pending.map((divorce) => divorce.marriageId),
        ),
        today: this.clock.today(),
      };
      const book = new FamilyBook(await lockFamilies(tx, await familyIdsOfPersons(tx, spouses)));
      const outcomes: ItemOutcome<MarriageResult>[] = [];
      const accepted: AcceptedMarriage[] = [];

      for (const { index, request } of items) {
        try {
          const decision = decideMarriage(request, context);

          if (decision.kind === 'existing') {
            outcomes.push({ index, ok: true, result: decision.result });
            continue;
          }

          accepted.push(this.applyMarriage(book, context, index, request, decision));
        } catch (error) {
          outcomes.push(rejectItem(index, error));
        }
      }

      return [...outcomes, ...(await this.saveMarriages(tx, book, accepted))];
    });
  }

  /**
   * Changes the family books in memory: the husband's book is opened on his first marriage,
   * and a spouse who is still listed in another book (as a child, or a widow) leaves it.
   */
  private applyMarriage(
    book: FamilyBook,
    context: MarriageContext,
    index: number,
    request: MarriageRequest,
    spouses: { husband: PersonRecord; wife: PersonRecord },
  ): AcceptedMarriage {
    const { husband, wife } = spouses;
    const date = request.date;
    let family = book.headedBy(husband.nationalNumber);
    const familyCreated = family === undefined;

    if (!family) {
      this.leaveFamilies(book, husband.nationalNumber, date);
      family = book.create(husband.registrationGovernorate, {
        alive: true,
        birthDate: husband.birthDate,
        joinedOn: date,
        nationalNumber: husband.nationalNumber,
        role: 'head',
        sex: 'M',
      });
    }

    this.leaveFamilies(book, wife.nationalNumber, date);
    book.addMember(family, {
      alive: true,
      birthDate: wife.birthDate,
      joinedOn: date,
      nationalNumber: wife.nationalNumber,
      role: 'wife',
      sex: 'F',
    });
    book.recordChange(family, 'marriage');
    context.roster.add({
      date,
      familyId: family.familyId,
      husbandNationalNumber: husband.nationalNumber,
      id: '',
      wifeNationalNumber: wife.nationalNumber,
    });

    return {
      courtDecision: request.courtDecision ?? null,
      date,
      family,
      familyCreated,
      husband: husband.nationalNumber,
      index,
      wife: wife.nationalNumber,
    };
  }

  private leaveFamilies(book: FamilyBook, nationalNumber: string, date: string): void {
    for (const family of book.familiesOf(nationalNumber)) {
      book.removeMember(family, nationalNumber, date);
      book.recordChange(family, 'marriage');
    }
  }

  private async saveMarriages(
    tx: Tx,
    book: FamilyBook,
    accepted: readonly AcceptedMarriage[],
  ): Promise<ItemOutcome<MarriageResult>[]> {
    if (accepted.length === 0) return [];

    const familyEvents = await book.save(tx);
    const ids = await insertMarriages(
      tx,
      accepted.map((marriage) => ({
        courtDecision: marriage.courtDecision,
        date: marriage.date,
        familyId: marriage.family.familyId,
        husbandNationalNumber: marriage.husband,
        wifeNationalNumber: marriage.wife,
      })),
    );

    await enqueueEvents(tx, FamilyUpdated, familyEvents);

    return accepted.map((marriage) => ({
      index: marriage.index,
      ok: true,
      result: {
        familyCreated: marriage.familyCreated,
        familyId: marriage.family.familyId,
        marriageId: ids.get(marriage.wife) as string,
        status: 'created',
      },
    }));
  }
}
