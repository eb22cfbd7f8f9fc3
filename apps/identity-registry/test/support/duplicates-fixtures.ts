import { randomInt } from 'node:crypto';

import request from 'supertest';

import { type EventData, PersonRegistered } from '@bitaqa/contracts';
import { waitFor } from '@bitaqa/testing';

import { personData } from './civil-builders';
import type { RegistryHarness } from './registry-harness';

type PersonData = EventData<typeof PersonRegistered.type>;

const LETTERS = [...'بتثجحخدذرزسشصضطظعغفقكلمن'];

/** A row of duplicate_cases as a test reads it. */
export interface CaseRow {
  detected_by_event_id: string;
  first_national_number: string;
  id: string;
  reasons: string[];
  score: number;
  second_national_number: string;
  status: string;
  updated_at: Date;
}

/**
 * Returns a mother's name and a birth date that no other test uses, so that the people of one test
 * are never duplicate candidates of another test's people.
 */
export function household(): Pick<PersonData, 'birthDate' | 'motherNameAr'> {
  const name = Array.from({ length: 7 }, () => LETTERS[randomInt(LETTERS.length)]).join('');
  const day = new Date(Date.UTC(1950, 0, 1) + randomInt(18_000) * 86_400_000);

  return { birthDate: day.toISOString().slice(0, 10), motherNameAr: name };
}

export function shiftDate(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00.000Z`);

  date.setUTCDate(date.getUTCDate() + days);

  return date.toISOString().slice(0, 10);
}

/** Drives one registry's duplicate review: registrations in, cases and decisions out. */
export class DuplicatesDriver {
  constructor(private readonly harness: RegistryHarness) {}

  /** Publishes a registration and waits until the registry has handled it. */
  async register(overrides: Partial<PersonData>): Promise<PersonData & { eventId: string }> {
    const data = personData(overrides);
    const event = await this.harness.publisher.publish(PersonRegistered, data);

    await this.harness.waitForHandled(event);

    return { ...data, eventId: event.id };
  }

  /** Returns every case that involves any of the national numbers, oldest first. */
  async casesOf(...nationalNumbers: string[]): Promise<CaseRow[]> {
    return this.harness.query<CaseRow>(
      `SELECT * FROM duplicate_cases
       WHERE first_national_number = ANY($1::text[]) OR second_national_number = ANY($1::text[])
       ORDER BY created_at, id`,
      [nationalNumbers],
    );
  }

  /** Waits for the one case of a pair and returns it. */
  async caseOf(left: string, right: string): Promise<CaseRow> {
    return waitFor(`case of ${left} and ${right}`, async () => {
      const rows = await this.casesOf(left, right);

      return rows.find(
        (row) =>
          [row.first_national_number, row.second_national_number].sort().join() ===
          [left, right].sort().join(),
      );
    });
  }

  get(path: string): request.Test {
    return request(this.harness.httpServer)
      .get(path)
      .set('authorization', this.harness.operatorAuth);
  }

  resolve(id: string, body: object): request.Test {
    return request(this.harness.httpServer)
      .post(`/duplicates/${id}/resolve`)
      .set('authorization', this.harness.operatorAuth)
      .send(body);
  }
}
