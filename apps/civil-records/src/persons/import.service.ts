import { Injectable } from '@nestjs/common';

import { PersonRegistered } from '@bitaqa/contracts';
import { ConflictError } from '@bitaqa/http';

import { Clock } from '../infrastructure/clock';
import { enqueueEvents } from '../infrastructure/outbox';
import { PrismaService, type Tx } from '../infrastructure/prisma.service';
import { parseItem } from '../registry/batch';
import { personRegisteredData } from '../registry/events';
import { findByExternalRefs, insertPersons, lockPersons } from '../registry/person-store';
import { requireNotInFuture } from '../registry/rules';
import { allocateNationalNumbers } from '../registry/sequences';
import type { PersonRecord } from '../registry/types';

import {
  importRow,
  type ImportedPerson,
  type ImportResponse,
  type RejectedRow,
} from './dto/import-row.dto';
import {
  requireKnownParents,
  requireSameFacts,
  toPersonRecord,
  toRejectedRow,
} from './import-checks';

interface Candidate {
  index: number;
  record: PersonRecord;
}

@Injectable()
export class ImportService {
  constructor(
    private readonly clock: Clock,
    private readonly prisma: PrismaService,
  ) {}

  /**
   * Imports persons of the existing register. Rows that pass every check are inserted in one
   * transaction with their PersonRegistered events; the others are listed as rejected. A row
   * whose externalRef was imported before keeps its national number.
   */
  async importRows(rows: readonly unknown[], recordedBy: string): Promise<ImportResponse> {
    const rejected: RejectedRow[] = [];
    const candidates = this.parseRows(rows, rejected);
    const persons = await this.prisma.transactionAs(recordedBy, (tx) =>
      this.save(tx, candidates, rejected),
    );

    return {
      created: persons.filter((person) => person.status === 'created').length,
      existing: persons.filter((person) => person.status === 'existing').length,
      persons: persons.sort((a, b) => a.index - b.index),
      rejected: rejected.sort((a, b) => a.index - b.index),
    };
  }

  private parseRows(rows: readonly unknown[], rejected: RejectedRow[]): Candidate[] {
    const today = this.clock.today();
    const seen = new Set<string>();
    const candidates: Candidate[] = [];

    rows.forEach((raw, index) => {
      try {
        const row = parseItem(importRow, raw);

        requireNotInFuture(row.birthDate, today, 'birthDate');
        if (seen.has(row.externalRef)) {
          throw new ConflictError(
            'DUPLICATE_EXTERNAL_REF',
            'externalRef appears twice in the request',
            {
              field: 'externalRef',
              hint: 'give each row of the request its own externalRef',
              value: row.externalRef,
            },
          );
        }
        seen.add(row.externalRef);
        candidates.push({ index, record: toPersonRecord(row) });
      } catch (error) {
        rejected.push(toRejectedRow(index, raw, error));
      }
    });

    return candidates;
  }

  private async save(
    tx: Tx,
    candidates: readonly Candidate[],
    rejected: RejectedRow[],
  ): Promise<ImportedPerson[]> {
    const refs = candidates.map((candidate) => candidate.record.externalRef as string);
    const stored = await findByExternalRefs(tx, refs);
    const parents = await lockPersons(
      tx,
      candidates.flatMap(({ record }) =>
        [record.fatherNationalNumber, record.motherNationalNumber].filter((nn) => nn !== null),
      ),
      'share',
    );
    const persons: ImportedPerson[] = [];
    const fresh: Candidate[] = [];

    for (const candidate of candidates) {
      try {
        const previous = stored.get(candidate.record.externalRef as string);

        if (previous) {
          requireSameFacts(previous, candidate.record);
          persons.push(importedPerson(candidate.index, previous, 'existing'));
          continue;
        }

        requireKnownParents(candidate.record, parents);
        fresh.push(candidate);
      } catch (error) {
        rejected.push(toRejectedRow(candidate.index, candidate.record, error));
      }
    }

    persons.push(...(await this.insertFresh(tx, fresh, rejected)));

    return persons;
  }

  /**
   * Inserts new persons and enqueues their events. A row that a concurrent import of the same
   * externalRef committed first is reported like a retried row.
   */
  private async insertFresh(
    tx: Tx,
    fresh: readonly Candidate[],
    rejected: RejectedRow[],
  ): Promise<ImportedPerson[]> {
    const numbers = await allocateNationalNumbers(
      tx,
      fresh.map(({ record }) => record.registrationGovernorate),
    );

    fresh.forEach(({ record }, position) => {
      record.nationalNumber = numbers[position] as string;
    });

    const inserted = await insertPersons(
      tx,
      fresh.map(({ record }) => record),
    );
    const created = fresh.filter(({ record }) => inserted.has(record.nationalNumber));
    const raced = fresh.filter(({ record }) => !inserted.has(record.nationalNumber));
    const persons = created.map(({ index, record }) => importedPerson(index, record, 'created'));

    await enqueueEvents(
      tx,
      PersonRegistered,
      created.map(({ record }) => personRegisteredData(record, 'import')),
    );

    const winners = await findByExternalRefs(
      tx,
      raced.map(({ record }) => record.externalRef as string),
    );

    for (const { index, record } of raced) {
      const winner = winners.get(record.externalRef as string) as PersonRecord;

      try {
        requireSameFacts(winner, record);
        persons.push(importedPerson(index, winner, 'existing'));
      } catch (error) {
        rejected.push(toRejectedRow(index, record, error));
      }
    }

    return persons;
  }
}

function importedPerson(
  index: number,
  person: PersonRecord,
  status: ImportedPerson['status'],
): ImportedPerson {
  return {
    externalRef: person.externalRef as string,
    index,
    nationalNumber: person.nationalNumber,
    status,
  };
}
