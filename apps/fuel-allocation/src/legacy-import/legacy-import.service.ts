import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';

import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';

import { NotFoundError, RuleViolationError } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import type { FuelAllocationConfig } from '../config';
import { CalendarService } from '../infrastructure/calendar.service';
import { PrismaService } from '../infrastructure/prisma.service';
import { APP_CONFIG, LOGGER } from '../infrastructure/tokens';

import type { LegacyImportView, Rejection } from './legacy-import.types';
import { DEFAULT_BATCH_SIZE, LegacyImportRunner } from './legacy-import.runner';
import { createImport, findImport, listRejections, rejectionCsv } from './legacy-import.store';
import { isLegacyHeader } from './legacy-line';

function assertInside(root: string, path: string, requested: string): void {
  const inside = relative(root, path);

  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    throw new RuleViolationError(
      'PATH_OUTSIDE_IMPORT_DIR',
      `${requested} is outside LEGACY_IMPORT_DIR`,
      {
        field: 'path',
        hint: 'give a file name relative to LEGACY_IMPORT_DIR',
        value: requested,
      },
    );
  }
}

async function firstLine(path: string): Promise<string | undefined> {
  const lines = createInterface({ crlfDelay: Infinity, input: createReadStream(path) });

  try {
    for await (const line of lines) return line;

    return undefined;
  } finally {
    lines.close();
  }
}

/**
 * Starts legacy card imports from files under LEGACY_IMPORT_DIR and runs them in the
 * background; callers follow a run with `GET /legacy-imports/:id`. On shutdown, running imports
 * stop at the next batch and are marked failed, and a new run of the same file finishes them.
 */
@Injectable()
export class LegacyImportService implements OnModuleDestroy {
  private readonly running = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    private readonly calendar: CalendarService,
    @Inject(APP_CONFIG) private readonly config: FuelAllocationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
  ) {}

  async start(requestedPath: string): Promise<LegacyImportView> {
    const path = await this.readablePath(requestedPath);

    if (!isLegacyHeader((await firstLine(path)) ?? '')) {
      throw new RuleViolationError(
        'BAD_LEGACY_HEADER',
        `${requestedPath} does not start with the legacy header`,
        {
          field: 'path',
          hint: 'the first line must be legacy_card_number,kind,national_number,plate,vehicle_class,governorate,issue_date',
          value: requestedPath,
        },
      );
    }

    const importId = await createImport(this.prisma, path, this.calendar.now());
    const runner = new LegacyImportRunner({
      logger: this.logger,
      now: () => this.calendar.now(),
      prisma: this.prisma,
    });
    const run = runner.run(importId, path, {
      batchSize: DEFAULT_BATCH_SIZE,
      stopRequested: () => this.stopping,
    });

    this.running.add(run);
    void run.finally(() => this.running.delete(run));

    return this.view(importId);
  }

  async view(importId: string): Promise<LegacyImportView> {
    const found = await findImport(this.prisma, importId);

    if (!found) {
      throw new NotFoundError('LEGACY_IMPORT_NOT_FOUND', `no legacy import ${importId}`, {
        field: 'id',
        value: importId,
      });
    }

    return found;
  }

  async rejections(importId: string, limit: number, afterLine: number): Promise<Rejection[]> {
    await this.view(importId);

    return listRejections(this.prisma, importId, limit, afterLine);
  }

  /** Yields the whole rejection report as CSV text; the run must exist. */
  rejectionReport(importId: string): AsyncGenerator<string> {
    return rejectionCsv(this.prisma, importId);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.running]);
  }

  /**
   * Resolves a path inside LEGACY_IMPORT_DIR to a regular file, so callers read nothing else.
   * The check runs on the written path and again after symbolic links are followed.
   */
  private async readablePath(requested: string): Promise<string> {
    const root = this.config.legacyImportDir;

    if (!root) {
      throw new RuleViolationError('LEGACY_IMPORT_DISABLED', 'legacy imports are turned off', {
        hint: 'set LEGACY_IMPORT_DIR to the folder that holds the legacy card files',
      });
    }

    const written = resolve(root, requested);

    assertInside(resolve(root), written, requested);

    const path = await realpath(written).catch(() => undefined);
    const file = path ? await stat(path).catch(() => undefined) : undefined;

    if (!path || !file?.isFile()) {
      throw new RuleViolationError('FILE_NOT_FOUND', `no file ${requested} in LEGACY_IMPORT_DIR`, {
        field: 'path',
        value: requested,
      });
    }
    assertInside(await realpath(root), path, requested);

    return path;
  }
}
