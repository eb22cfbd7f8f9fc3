import { Injectable } from '@nestjs/common';

import type { MobileBinding as BindingRow, Prisma } from '../generated/prisma/client';

import type { MobileBinding, UnbindReason } from './mobile-binding';

type Db = Prisma.TransactionClient;

/** An active binding with its row id, for ending it. */
export interface StoredBinding extends MobileBinding {
  id: bigint;
}

function toBinding(row: BindingRow): StoredBinding {
  return {
    boundAt: row.boundAt,
    id: row.id,
    mobileNumber: row.mobileNumber,
    nationalNumber: row.nationalNumber,
  };
}

/** Reads and writes mobile bindings; ended bindings stay as history. */
@Injectable()
export class BindingRepository {
  async findActive(db: Db, nationalNumber: string): Promise<StoredBinding | undefined> {
    const row = await db.mobileBinding.findFirst({ where: { nationalNumber, unboundAt: null } });

    return row === null ? undefined : toBinding(row);
  }

  /** Counts the identities other than `exceptNationalNumber` that have this number bound. */
  async countActiveForNumber(
    db: Db,
    mobileNumber: string,
    exceptNationalNumber: string,
  ): Promise<number> {
    return db.mobileBinding.count({
      where: { mobileNumber, nationalNumber: { not: exceptNationalNumber }, unboundAt: null },
    });
  }

  async insert(db: Db, binding: MobileBinding, challengeId: string): Promise<void> {
    await db.mobileBinding.create({ data: { ...binding, challengeId } });
  }

  async end(db: Db, id: bigint, reason: UnbindReason, at: Date): Promise<void> {
    await db.mobileBinding.update({
      data: { unbindReason: reason, unboundAt: at },
      where: { id },
    });
  }
}
