import { errorFields, type Logger } from '@bitaqa/observability';

import type { PrismaService } from '../../infrastructure/prisma.service';

/** Tables whose row counts the import's lookups depend on. */
const ANALYZED_TABLES = ['persons', 'families', 'family_members', 'marriages', 'bulk_import_keys'];

/**
 * Refreshes the planner statistics of the tables an import grows, after batches 1, 2, 4, 8 and
 * so on of a run. A bulk load grows them from nothing to millions of rows faster than
 * autovacuum analyzes them, or autovacuum is off. With the old statistics the planner took the
 * tables for tiny ones and, for example, read every key of the job to find a batch's 1,000
 * family ids. The doubling schedule keeps the cost to a few ANALYZE runs per file.
 */
export class StatisticsRefresher {
  private batches = 0;
  private nextAt = 1;

  constructor(
    private readonly prisma: PrismaService,
    private readonly logger: Logger,
  ) {}

  async afterBatch(): Promise<void> {
    this.batches += 1;
    if (this.batches < this.nextAt) return;

    this.nextAt *= 2;
    try {
      await this.prisma.$executeRawUnsafe(`ANALYZE ${ANALYZED_TABLES.join(', ')}`);
    } catch (error) {
      // A database user that does not own the tables may not analyze them; the import still works.
      this.logger.warn(
        { batches: this.batches, err: errorFields(error) },
        'failed to refresh table statistics; lookups may slow down as tables grow',
      );
    }
  }
}
