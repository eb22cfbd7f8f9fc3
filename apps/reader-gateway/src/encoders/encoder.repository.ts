import { Injectable } from '@nestjs/common';

import type { Encoder as EncoderRow } from '../generated/prisma/client';
import { PrismaService, type Tx } from '../infrastructure/prisma.service';

import type { CountedOutcome, EncoderState, EncoderStatus } from './encoder';

function toState(row: EncoderRow): EncoderState {
  const lastError =
    row.lastErrorCode === null || row.lastErrorAt === null
      ? null
      : {
          at: row.lastErrorAt.toISOString(),
          code: row.lastErrorCode,
          message: row.lastErrorMessage ?? '',
        };

  return {
    cardsFailed: row.cardsFailed,
    cardsPersonalized: row.cardsPersonalized,
    cardsSpoiled: row.cardsSpoiled,
    currentJobId: row.currentJobId,
    id: row.id,
    lastError,
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
    readerName: row.readerName,
    status: row.status as EncoderStatus,
    updatedAt: row.updatedAt.toISOString(),
  };
}

@Injectable()
export class EncoderRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Creates the encoder's row or points it at its current reader, as offline. */
  async register(id: string, readerName: string): Promise<void> {
    await this.prisma.encoder.upsert({
      create: { id, readerName, status: 'offline' },
      update: { currentJobId: null, readerName, status: 'offline', updatedAt: new Date() },
      where: { id },
    });
  }

  async setStatus(id: string, status: EncoderStatus, currentJobId: string | null): Promise<void> {
    await this.prisma.encoder.update({
      data: { currentJobId, status, updatedAt: new Date() },
      where: { id },
    });
  }

  async recordError(id: string, code: string, message: string): Promise<void> {
    const now = new Date();
    await this.prisma.encoder.update({
      data: {
        lastErrorAt: now,
        lastErrorCode: code,
        lastErrorMessage: message.slice(0, 1000),
        updatedAt: now,
      },
      where: { id },
    });
  }

  /** Stores when pcscd last listed the encoder's reader. */
  async markSeen(id: string, at: Date): Promise<void> {
    await this.prisma.encoder.update({ data: { lastSeenAt: at }, where: { id } });
  }

  /** Counts a finished card on the encoder inside the job's transaction. */
  async countCard(tx: Tx, id: string, outcome: CountedOutcome): Promise<void> {
    const counts = {
      failed: { cardsFailed: { increment: 1 } },
      personalized: { cardsPersonalized: { increment: 1 } },
      spoiled: { cardsFailed: { increment: 1 }, cardsSpoiled: { increment: 1 } },
    }[outcome];
    await tx.encoder.update({ data: { ...counts, updatedAt: new Date() }, where: { id } });
  }

  async list(ids: readonly string[]): Promise<EncoderState[]> {
    const rows = await this.prisma.encoder.findMany({
      orderBy: { id: 'asc' },
      where: { id: { in: [...ids] } },
    });

    return rows.map(toState);
  }
}
