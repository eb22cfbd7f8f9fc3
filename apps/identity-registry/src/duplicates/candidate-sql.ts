import { normalizeArabicName } from '@bitaqa/arabic-names';

import { Prisma } from '../generated/prisma/client';
import type { Identity } from '../identities/identity';

function shiftIsoDate(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00.000Z`);

  date.setUTCDate(date.getUTCDate() + days);

  return date.toISOString().slice(0, 10);
}

/**
 * Builds the queries that select duplicate candidates of `identity`, one per kind of evidence: the
 * mother's normalized name, and her national number when known. Each is a range scan on an
 * index of (mother name or number, birth date) from the 20261205130000 migration, so no
 * query reads the whole table. Each returns `national_number` column rows.
 */
export function candidateQueries(
  identity: Identity,
  windowDays: number,
  limit: number,
): Prisma.Sql[] {
  const from = shiftIsoDate(identity.birthDate, -windowDays);
  const to = shiftIsoDate(identity.birthDate, windowDays);
  const common = Prisma.sql`
    birth_date BETWEEN ${from}::date AND ${to}::date
    AND national_number <> ${identity.nationalNumber}
    AND status <> 'merged'`;
  const queries = [
    Prisma.sql`
      SELECT national_number FROM identities
      WHERE mother_name_normalized = ${normalizeArabicName(identity.motherNameAr)} AND ${common}
      ORDER BY national_number LIMIT ${limit}`,
  ];

  if (identity.motherNationalNumber !== null) {
    queries.push(Prisma.sql`
      SELECT national_number FROM identities
      WHERE mother_national_number = ${identity.motherNationalNumber} AND ${common}
      ORDER BY national_number LIMIT ${limit}`);
  }

  return queries;
}
