import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';

import { ConflictError, NotFoundError } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import { Clock } from '../infrastructure/clock';
import { PrismaService } from '../infrastructure/prisma.service';
import { LOGGER } from '../infrastructure/tokens';

import type { ImportJobView, StartImportBody, StartImportResponse } from './dto/import-job.dto';
import { BULK_IMPORT_SETTINGS, type BulkImportSettings } from './import-settings';
import { inspectImportFiles } from './job/job-input';
import { createJob, findJob, findUnfinishedJob } from './job/job-store';
import type { ImportJob } from './job/job-types';
import { isStalled, toJobView } from './job/job-view';
import { rejectReport } from './reject-report';
import { ImportRunner, type StopSignal } from './runner/import-runner';

interface ActiveRun {
  done: Promise<void>;
  signal: StopSignal;
}

/**
 * Starts bulk imports in the background of the service and reports on them. One import runs
 * at a time per instance, because each batch keeps both cores of a small server busy.
 */
@Injectable()
export class BulkImportService implements OnModuleDestroy {
  private readonly active = new Map<string, ActiveRun>();

  constructor(
    private readonly clock: Clock,
    private readonly prisma: PrismaService,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(BULK_IMPORT_SETTINGS) private readonly settings: BulkImportSettings,
  ) {}

  /**
   * Starts a new import, or resumes an unfinished one over the same unchanged files. The rows
   * of this run are recorded as changes by client `recordedBy`.
   */
  async start(body: StartImportBody, recordedBy: string): Promise<StartImportResponse> {
    const files = await inspectImportFiles(body, {
      baseDir: this.settings.importDir,
      confineTo: this.settings.importDir,
    });
    const unfinished = await findUnfinishedJob(this.prisma, files);

    this.requireIdle(unfinished);

    const job = unfinished ?? (await createJob(this.prisma, body.batchSize, files, recordedBy));

    this.launch(job.id, recordedBy);

    return { ...toJobView(job), resumed: unfinished !== undefined };
  }

  async get(id: string): Promise<ImportJobView> {
    return toJobView(await this.require(id));
  }

  /** Returns the reject report as CSV text chunks, or fails with IMPORT_NOT_FOUND before the first one. */
  async rejects(id: string): Promise<AsyncGenerator<string>> {
    await this.require(id);

    return rejectReport(this.prisma, id);
  }

  /** Asks running imports to stop after their current batch and waits for them. */
  async onModuleDestroy(): Promise<void> {
    for (const run of this.active.values()) run.signal.stopRequested = true;
    await Promise.all([...this.active.values()].map((run) => run.done));
  }

  private requireIdle(unfinished: ImportJob | undefined): void {
    const busy = [...this.active.keys()][0];

    if (busy !== undefined) {
      throw new ConflictError('IMPORT_RUNNING', `import ${busy} is running on this instance`, {
        hint: `wait until GET /imports/${busy} shows it finished`,
        value: busy,
      });
    }
    if (unfinished?.status === 'running' && !isStalled(unfinished, new Date())) {
      throw new ConflictError(
        'IMPORT_RUNNING',
        `import ${unfinished.id} over these files is running on another instance`,
        { hint: 'wait until it finishes or stalls', value: unfinished.id },
      );
    }
  }

  private launch(jobId: string, recordedBy: string): void {
    const signal: StopSignal = { stopRequested: false };
    const runner = new ImportRunner({
      logger: this.logger.child({ component: 'bulk-import' }),
      prisma: this.prisma,
      recordedBy,
      today: () => this.clock.today(),
    });
    // The runner records a failure on the job row and logs it; the request has already returned.
    const done = runner
      .run(jobId, signal)
      .then(() => undefined)
      .catch(() => undefined)
      .finally(() => this.active.delete(jobId));

    this.active.set(jobId, { done, signal });
  }

  private async require(id: string): Promise<ImportJob> {
    const job = await findJob(this.prisma, id);

    if (!job) {
      throw new NotFoundError('IMPORT_NOT_FOUND', `no import with id ${id}`, {
        field: 'id',
        value: id,
      });
    }

    return job;
  }
}
