import { Injectable } from '@nestjs/common';

import type { Identity as IdentityRow, Prisma } from '../generated/prisma/client';

import type { Identity } from './identity';
import { normalizedNamesOf } from './identity-names';

/** A Prisma client or an open interactive transaction. */
export type Db = Prisma.TransactionClient;

/** Thrown when a row changed between reading and writing it; the event is retried. */
export class IdentityVersionConflictError extends Error {
  readonly code = 'IDENTITY_VERSION_CONFLICT';

  constructor(nationalNumber: string, expectedVersion: number) {
    super(`identity ${nationalNumber} is no longer at version ${expectedVersion}`);
    this.name = 'IdentityVersionConflictError';
  }
}

/** Midnight UTC of an ISO calendar date, as Prisma reads and writes DATE columns. */
export function dateFromIso(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}

export function isoFromDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function toIdentity(row: IdentityRow): Identity {
  return {
    birthDate: isoFromDate(row.birthDate),
    birthPlace: row.birthPlace,
    dateOfDeath: row.dateOfDeath === null ? null : isoFromDate(row.dateOfDeath),
    familyId: row.familyId,
    familyNameAr: row.familyNameAr,
    familyNameLatin: row.familyNameLatin,
    familyRole: row.familyRole,
    fatherNameAr: row.fatherNameAr,
    fatherNationalNumber: row.fatherNationalNumber,
    givenNameAr: row.givenNameAr,
    givenNameLatin: row.givenNameLatin,
    governorate: row.governorate,
    grandfatherNameAr: row.grandfatherNameAr,
    mergedInto: row.mergedInto,
    motherNameAr: row.motherNameAr,
    motherNationalNumber: row.motherNationalNumber,
    nationalNumber: row.nationalNumber,
    sex: row.sex,
    status: row.status,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

function toRow(identity: Identity): Omit<IdentityRow, 'createdAt'> {
  return {
    ...identity,
    ...normalizedNamesOf(identity),
    birthDate: dateFromIso(identity.birthDate),
    dateOfDeath: identity.dateOfDeath === null ? null : dateFromIso(identity.dateOfDeath),
  };
}

/** Reads and writes identity rows; callers pass the client or transaction to use. */
@Injectable()
export class IdentityRepository {
  async find(db: Db, nationalNumber: string): Promise<Identity | undefined> {
    const row = await db.identity.findUnique({ where: { nationalNumber } });

    return row === null ? undefined : toIdentity(row);
  }

  async findMany(db: Db, nationalNumbers: readonly string[]): Promise<Identity[]> {
    const rows = await db.identity.findMany({
      where: { nationalNumber: { in: [...nationalNumbers] } },
    });

    return rows.map(toIdentity);
  }

  async insert(db: Db, identity: Identity): Promise<void> {
    await db.identity.create({ data: toRow(identity) });
  }

  /**
   * Writes `identity` over the row that is still at `expectedVersion`.
   *
   * @throws IdentityVersionConflictError when the row moved on in between.
   */
  async update(db: Db, identity: Identity, expectedVersion: number): Promise<void> {
    const { nationalNumber, ...fields } = toRow(identity);
    const result = await db.identity.updateMany({
      data: fields,
      where: { nationalNumber, version: expectedVersion },
    });

    if (result.count !== 1) throw new IdentityVersionConflictError(nationalNumber, expectedVersion);
  }
}
