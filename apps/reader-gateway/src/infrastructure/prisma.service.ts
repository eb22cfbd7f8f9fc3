import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';

import type { ReaderGatewayConfig } from '../config';
import { type Prisma, PrismaClient } from '../generated/prisma/client';

import { GATEWAY_CONFIG } from './tokens';

/** An open interactive transaction; job changes and their outbox rows go through one. */
export type Tx = Prisma.TransactionClient;

const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 30_000 } as const;

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  constructor(@Inject(GATEWAY_CONFIG) config: ReaderGatewayConfig) {
    super({ adapter: new PrismaPg({ connectionString: config.databaseUrl, max: 10 }) });
  }

  async onModuleInit(): Promise<void> {
    await this.$connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }

  /** Runs `work` in one transaction, so domain rows and outbox rows commit together. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.$transaction(work, TRANSACTION_OPTIONS);
  }
}
