import { Readable } from 'node:stream';

import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  StreamableFile,
} from '@nestjs/common';

import { CurrentPrincipal, type Principal, RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { CIVIL_SCOPES } from '../auth/scopes';

import { BulkImportService } from './bulk-import.service';
import {
  importIdParams,
  startImportBody,
  type ImportJobView,
  type StartImportBody,
  type StartImportResponse,
} from './dto/import-job.dto';

@Controller('imports')
@RequireScopes(CIVIL_SCOPES.import)
export class BulkImportController {
  constructor(private readonly imports: BulkImportService) {}

  /** Starts or resumes an import of CSV files on the server; it runs in the background. */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  start(
    @Body(new ZodValidationPipe(startImportBody)) body: StartImportBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StartImportResponse> {
    return this.imports.start(body, principal.clientId);
  }

  @Get(':id')
  get(
    @Param(new ZodValidationPipe(importIdParams)) params: { id: string },
  ): Promise<ImportJobView> {
    return this.imports.get(params.id);
  }

  @Get(':id/rejects')
  @Header('content-type', 'text/csv; charset=utf-8')
  async rejects(
    @Param(new ZodValidationPipe(importIdParams)) params: { id: string },
  ): Promise<StreamableFile> {
    return new StreamableFile(Readable.from(await this.imports.rejects(params.id)));
  }
}
