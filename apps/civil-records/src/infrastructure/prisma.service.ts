import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';

import type { CivilRecordsConfig } from '../config';
import { type Prisma, PrismaClient } from '../generated/prisma/client';

import { CIVIL_CONFIG } from './tokens';

/** The open interactive transaction that every write of one request goes through. */
export type Tx = Prisma.TransactionClient;

// A 5,000-row import took about half a second on a two-core test machine. A cold database or a
// busy disk can take much longer, and Prisma's default five-second timeout would then abort it.
const TRANSACTION_TIMEOUT_MS = 120_000;
const TRANSACTION_MAX_WAIT_MS = 15_000;

// `true` makes the setting local to the transaction, so a pooled connection does not keep it.
const RECORD_AS = "SELECT set_config('civil.recorded_by', $1, true)";

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  constructor(@Inject(CIVIL_CONFIG) config: CivilRecordsConfig) {
    super({ adapter: new PrismaPg({ connectionString: config.databaseUrl, max: 10 }) });
  }

  async onModuleInit(): Promise<void> {
    await this.$connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }

  /** Runs `work` in one transaction; the domain rows and their outbox rows commit together. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.$transaction(work, {
      maxWait: TRANSACTION_MAX_WAIT_MS,
      timeout: TRANSACTION_TIMEOUT_MS,
    });
  }

  /**
   * Runs a change to the register in one transaction on behalf of `recordedBy` (a client id).
   * The transaction-local setting `civil.recorded_by` is the default of the `recorded_by`
   * column of journal and outbox rows, including the rows that triggers insert.
   */
  transactionAs<T>(recordedBy: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transaction(async (tx) => {
      await tx.$queryRawUnsafe(RECORD_AS, recordedBy);

      return work(tx);
    });
  }
}
