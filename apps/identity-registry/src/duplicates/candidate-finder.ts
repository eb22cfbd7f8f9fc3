import { Injectable } from '@nestjs/common';

import { normalizeArabicName } from '@bitaqa/arabic-names';

import type { UnitOfWork } from '../database/unit-of-work';
import type { Identity } from '../identities/identity';
import { type Db, IdentityRepository } from '../identities/identity.repository';

import { candidateQueries } from './candidate-sql';

/**
 * Keys of the two-integer advisory locks that serialize duplicate screening per mother. The
 * two-integer key space never overlaps the single-bigint keys of the person, messaging and
 * migration locks (PostgreSQL documents the two spaces as separate).
 */
const MOTHER_LOCK_CLASS = 0x44555031;

/** Returns the keys one identity's screening locks: the mother's normalized name and number. */
function motherKeys(identity: Identity): string[] {
  const keys = [`name:${normalizeArabicName(identity.motherNameAr)}`];

  if (identity.motherNationalNumber !== null) {
    keys.push(`number:${identity.motherNationalNumber}`);
  }

  return keys;
}

/** Finds the identities a new or changed identity may duplicate, through indexed lookups. */
@Injectable()
export class CandidateFinder {
  constructor(private readonly identities: IdentityRepository) {}

  /**
   * Locks the identity's mother keys until the transaction ends. Two registrations of one
   * person may be handled at once on different partitions, and each would miss the other's
   * uncommitted row. With the lock the second waits, then reads the first one's committed row.
   */
  async lockMother(unit: UnitOfWork, identity: Identity): Promise<void> {
    await unit.$executeRawUnsafe(
      `SELECT pg_advisory_xact_lock($1::int, hashtext(key))
       FROM unnest($2::text[]) AS key ORDER BY hashtext(key)`,
      MOTHER_LOCK_CLASS,
      motherKeys(identity),
    );
  }

  /**
   * Returns identities other than `identity`, not merged, born within `windowDays` of it, that
   * share its mother's normalized name or national number (see `candidateQueries`).
   */
  async find(db: Db, identity: Identity, windowDays: number, limit: number): Promise<Identity[]> {
    const numbers = new Set<string>();

    for (const query of candidateQueries(identity, windowDays, limit)) {
      const rows = await db.$queryRaw<Array<{ national_number: string }>>(query);

      for (const row of rows) numbers.add(row.national_number);
    }

    return this.identities.findMany(db, [...numbers].slice(0, limit));
  }
}
