import { Readable } from 'node:stream';

import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import type { Response } from 'express';
import type { z } from 'zod';

import { RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { FuelScopes } from '../auth/scopes';

import {
  importIdParam,
  rejectionsQuery,
  startImportRequest,
  type RejectionsQuery,
  type StartImportRequest,
} from './legacy-import.schemas';
import { LegacyImportService } from './legacy-import.service';
import type { LegacyImportView, Rejection } from './legacy-import.types';

type ImportIdParam = z.infer<typeof importIdParam>;

@Controller('legacy-imports')
@RequireScopes(FuelScopes.operate)
export class LegacyImportController {
  constructor(private readonly imports: LegacyImportService) {}

  /** Starts an import of a CSV file under LEGACY_IMPORT_DIR; 202 while it runs. */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  start(
    @Body(new ZodValidationPipe(startImportRequest)) request: StartImportRequest,
  ): Promise<LegacyImportView> {
    return this.imports.start(request.path);
  }

  @Get(':id')
  view(
    @Param(new ZodValidationPipe(importIdParam)) params: ImportIdParam,
  ): Promise<LegacyImportView> {
    return this.imports.view(params.id);
  }

  /** Lines that were not applied: a JSON page, or the whole report as CSV. */
  @Get(':id/rejections')
  async rejections(
    @Param(new ZodValidationPipe(importIdParam)) params: ImportIdParam,
    @Query(new ZodValidationPipe(rejectionsQuery)) query: RejectionsQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ nextAfterLine: number | null; rejections: Rejection[] } | StreamableFile> {
    const page = await this.imports.rejections(params.id, query.limit, query.afterLine);

    if (query.format === 'json') {
      const last = page.at(-1);

      return {
        nextAfterLine: page.length === query.limit && last ? last.lineNumber : null,
        rejections: page,
      };
    }

    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="legacy-import-${params.id}-rejections.csv"`,
    );

    return new StreamableFile(Readable.from(this.imports.rejectionReport(params.id)));
  }
}
