import { Injectable } from '@nestjs/common';

import { FamilyUpdated, PersonDied } from '@bitaqa/contracts';

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
import { divorcesOf, lapseDivorces } from '../registry/divorce-store';
import { FamilyBook } from '../registry/family-book';
import { familyIdsOfPersons, lockFamilies } from '../registry/family-store';
import { appendJournal } from '../registry/journal';
import { factsByPerson, type LifeFacts } from '../registry/life-events';
import { marriagesOf, widowSpousesOf } from '../registry/marriage-store';
import { childrenOf, lockPersons, recordDeaths } from '../registry/person-store';

import { decideDeath } from './death-checks';
import { deathEntries, lapsedEntries } from './death-journal';
import { deathRequest, type DeathRequest, type DeathResult } from './dto/death.dto';

interface AcceptedDeath {
  dateOfDeath: string;
  familyIds: string[];
  index: number;
  nationalNumber: string;
}

@Injectable()
export class DeathsService {
  constructor(
    private readonly clock: Clock,
    private readonly prisma: PrismaService,
  ) {}

  /** Registers one death for `recordedBy`; throws the ApiError of the first rule it breaks. */
  async register(request: DeathRequest, recordedBy: string): Promise<DeathResult> {
    return singleResult(await this.registerAll([{ index: 0, request }], recordedBy));
  }

  /** Registers a batch of deaths; each item succeeds or fails on its own. */
  async registerBatch(
    items: readonly unknown[],
    recordedBy: string,
  ): Promise<BatchResponse<DeathResult>> {
    const outcomes: ItemOutcome<DeathResult>[] = [];
    const valid: { index: number; request: DeathRequest }[] = [];

    items.forEach((item, index) => {
      try {
        valid.push({ index, request: parseItem(deathRequest, item) });
      } catch (error) {
        outcomes.push(rejectItem(index, error));
      }
    });
    outcomes.push(...(await this.registerAll(valid, recordedBy)));

    return toBatchResponse(outcomes);
  }

  private async registerAll(
    items: readonly { index: number; request: DeathRequest }[],
    recordedBy: string,
  ): Promise<ItemOutcome<DeathResult>[]> {
    if (items.length === 0) return [];

    return this.prisma.transactionAs(recordedBy, async (tx) => {
      const subjects = items.map(({ request }) => request.nationalNumber);
      const persons = await lockPersons(tx, subjects, 'update');
      const book = new FamilyBook(await lockFamilies(tx, await familyIdsOfPersons(tx, subjects)));
      const facts = await this.lifeFacts(tx, subjects);
      const today = this.clock.today();
      const outcomes: ItemOutcome<DeathResult>[] = [];
      const accepted: AcceptedDeath[] = [];

      for (const { index, request } of items) {
        try {
          const decision = decideDeath(request, persons, facts, today);

          if (decision.kind === 'existing') {
            outcomes.push({ index, ok: true, result: decision.result });
            continue;
          }

          decision.person.dateOfDeath = request.dateOfDeath;
          accepted.push({ ...request, familyIds: this.applyDeath(book, request), index });
        } catch (error) {
          outcomes.push(rejectItem(index, error));
        }
      }

      return [...outcomes, ...(await this.saveDeaths(tx, book, accepted))];
    });
  }

  private async lifeFacts(tx: Tx, subjects: readonly string[]): Promise<Map<string, LifeFacts>> {
    return factsByPerson(subjects, {
      children: await childrenOf(tx, subjects),
      divorces: await divorcesOf(tx, subjects),
      marriages: await marriagesOf(tx, subjects),
    });
  }

  /** Marks the person deceased in every family book that lists them; returns their ids. */
  private applyDeath(book: FamilyBook, request: DeathRequest): string[] {
    const families = book.markDeceased(request.nationalNumber);

    for (const family of families) book.recordChange(family, 'death');

    return families.map((family) => family.familyId);
  }

  private async saveDeaths(
    tx: Tx,
    book: FamilyBook,
    accepted: readonly AcceptedDeath[],
  ): Promise<ItemOutcome<DeathResult>[]> {
    if (accepted.length === 0) return [];

    await recordDeaths(tx, accepted);

    const widowed = await widowSpousesOf(tx, accepted);
    const lapsed = await lapseDivorces(
      tx,
      widowed.map((marriage) => ({ endedOn: marriage.endedOn as string, marriageId: marriage.id })),
    );

    await appendJournal(tx, [...deathEntries(accepted, widowed), ...lapsedEntries(lapsed)]);

    const familyEvents = await book.save(tx);

    await enqueueEvents(
      tx,
      PersonDied,
      accepted.map((death) => ({
        dateOfDeath: death.dateOfDeath,
        nationalNumber: death.nationalNumber,
      })),
    );
    await enqueueEvents(tx, FamilyUpdated, familyEvents);

    return accepted.map((death) => ({
      index: death.index,
      ok: true,
      result: {
        dateOfDeath: death.dateOfDeath,
        familyIds: death.familyIds,
        nationalNumber: death.nationalNumber,
        status: 'created',
      },
    }));
  }
}
