import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';

import type { FuelAllocationConfig } from '../config';
import { PrismaClient, type Prisma } from '../generated/prisma/client';

import { APP_CONFIG } from './tokens';

/** An open interactive transaction; every write of one unit of work goes through it. */
export type Tx = Prisma.TransactionClient;

/** PostgreSQL error code of a unique constraint violation. */
const UNIQUE_VIOLATION = '23505';

/** True when `error` is a unique constraint violation, whether Prisma or the driver raised it. */
export function isUniqueViolation(error: unknown): boolean {
  const known = error as { code?: unknown; cause?: unknown; meta?: { code?: unknown } };

  if (known?.code === 'P2002') return true;
  if (known?.meta?.code === UNIQUE_VIOLATION) return true;

  return String((error as Error)?.message ?? '').includes(UNIQUE_VIOLATION);
}

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  private readonly transactionTimeoutMs: number;

  constructor(@Inject(APP_CONFIG) config: FuelAllocationConfig) {
    super({
      adapter: new PrismaPg({ connectionString: config.databaseUrl, max: config.databasePoolSize }),
    });
    this.transactionTimeoutMs = config.transactionTimeoutMs;
  }

  async onModuleInit(): Promise<void> {
    await this.$connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }

  /**
   * Runs `work` in one READ COMMITTED transaction. Row locks (`SELECT ... FOR UPDATE`) order
   * concurrent writers, so the wait for a pooled connection and the run time share one limit.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.$transaction(work, {
      maxWait: this.transactionTimeoutMs,
      timeout: this.transactionTimeoutMs,
    });
  }
}
