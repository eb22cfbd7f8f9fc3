import { Injectable } from '@nestjs/common';

import { PrismaService } from '../infrastructure/prisma.service';
import { bornRecordAsOf, endAsOf, notBornError } from '../registry/as-of';
import { journalsOf } from '../registry/journal';

import type { PersonHistory, PersonView } from './dto/person-view.dto';
import { PersonsService } from './persons.service';

/** Shows a person as they stood on a past date, and lists every change to them. */
@Injectable()
export class PersonTimeline {
  constructor(
    private readonly persons: PersonsService,
    private readonly prisma: PrismaService,
  ) {}

  /**
   * Returns the person as the register stood on `asOf`, with every change whose effective date
   * is on or before it. The record fields come from the journal. Books and marriages count from
   * their start, and their ends after `asOf` are left out. Fails with PERSON_NOT_FOUND for an
   * unknown person and PERSON_NOT_BORN before their birth.
   */
  async asOf(nationalNumber: string, asOf: string): Promise<PersonView> {
    const current = await this.persons.get(nationalNumber);
    const journal = (await journalsOf(this.prisma, [nationalNumber], asOf)).get(nationalNumber);
    const record = bornRecordAsOf(journal ?? [], asOf);

    if (record === undefined) throw notBornError(nationalNumber, asOf, current.birthDate);

    return {
      ...current,
      ...record,
      alive: record.dateOfDeath === null,
      asOf,
      families: current.families
        .filter((membership) => membership.joinedOn <= asOf)
        .map((membership) => ({ ...membership, leftOn: endAsOf(membership.leftOn, asOf) })),
      marriages: current.marriages
        .filter((marriage) => marriage.date <= asOf)
        .map((marriage) => {
          const endedOn = endAsOf(marriage.endedOn, asOf);

          return { ...marriage, endedOn, status: endedOn === null ? 'active' : marriage.status };
        }),
    };
  }

  /** Lists every change to the person, registration first; fails with PERSON_NOT_FOUND. */
  async history(nationalNumber: string): Promise<PersonHistory> {
    await this.persons.get(nationalNumber);

    const journal = await journalsOf(this.prisma, [nationalNumber]);

    return { changes: journal.get(nationalNumber) ?? [], nationalNumber };
  }
}
