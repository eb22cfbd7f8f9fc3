import { Injectable } from '@nestjs/common';

import type { MobileChallenge as ChallengeRow, Prisma } from '../generated/prisma/client';

import type { ChallengeStatus, CodeChallenge } from './mobile-binding';

type Db = Prisma.TransactionClient;

function toChallenge(row: ChallengeRow): CodeChallenge {
  return {
    attempts: row.attempts,
    codeDigest: row.codeHmac,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    id: row.id,
    maxAttempts: row.maxAttempts,
    mobileNumber: row.mobileNumber,
    nationalNumber: row.nationalNumber,
    status: row.status,
  };
}

/** Reads and writes one-time code challenges; callers pass the client or transaction to use. */
@Injectable()
export class ChallengeRepository {
  async insert(db: Db, challenge: CodeChallenge): Promise<void> {
    await db.mobileChallenge.create({
      data: {
        attempts: challenge.attempts,
        codeHmac: challenge.codeDigest,
        createdAt: challenge.createdAt,
        expiresAt: challenge.expiresAt,
        id: challenge.id,
        maxAttempts: challenge.maxAttempts,
        mobileNumber: challenge.mobileNumber,
        nationalNumber: challenge.nationalNumber,
        status: challenge.status,
        updatedAt: challenge.createdAt,
      },
    });
  }

  /** Marks the identity's pending challenge superseded; returns how many there were (0 or 1). */
  async supersedePending(db: Db, nationalNumber: string, now: Date): Promise<number> {
    const result = await db.mobileChallenge.updateMany({
      data: { status: 'superseded', updatedAt: now },
      where: { nationalNumber, status: 'pending' },
    });

    return result.count;
  }

  async findPending(db: Db, nationalNumber: string): Promise<CodeChallenge | undefined> {
    const row = await db.mobileChallenge.findFirst({
      where: { nationalNumber, status: 'pending' },
    });

    return row === null ? undefined : toChallenge(row);
  }

  async findLatest(db: Db, nationalNumber: string): Promise<CodeChallenge | undefined> {
    const row = await db.mobileChallenge.findFirst({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      where: { nationalNumber },
    });

    return row === null ? undefined : toChallenge(row);
  }

  async update(
    db: Db,
    id: string,
    change: { attempts?: number; status?: ChallengeStatus },
    now: Date,
  ): Promise<void> {
    await db.mobileChallenge.update({ data: { ...change, updatedAt: now }, where: { id } });
  }

  /** Marks the challenge send_failed unless a newer request has superseded it meanwhile. */
  async markSendFailed(db: Db, id: string, now: Date): Promise<void> {
    await db.mobileChallenge.updateMany({
      data: { status: 'send_failed', updatedAt: now },
      where: { id, status: 'pending' },
    });
  }

  async recordOperatorMessage(db: Db, id: string, messageId: string, now: Date): Promise<void> {
    await db.mobileChallenge.update({
      data: { operatorMessageId: messageId, updatedAt: now },
      where: { id },
    });
  }
}
