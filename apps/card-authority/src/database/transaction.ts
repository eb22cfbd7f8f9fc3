import type { Prisma } from '../generated/prisma/client';

/** An open interactive transaction; every write of one command or event goes through it. */
export type DbTransaction = Prisma.TransactionClient;

/** Milliseconds an interactive transaction may wait for a connection, and may run. */
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 30_000 } as const;
