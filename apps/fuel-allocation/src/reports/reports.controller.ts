import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';

import { RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { FuelScopes } from '../auth/scopes';

import { toCsv } from './csv';
import {
  ExclusionReportService,
  type ExclusionReport,
  type UnservedFamily,
} from './exclusion-report.service';
import {
  FAR_APART_COLUMNS,
  farApartCsvRow,
  FarApartReportService,
  type FarApartReport,
} from './far-apart-report.service';
import {
  exclusionQuery,
  farApartQuery,
  spendQuery,
  type ExclusionQuery,
  type FarApartQuery,
  type SpendQuery,
} from './report.schemas';
import { SPEND_COLUMNS, SpendReportService, type SpendReport } from './spend-report.service';

const UNSERVED_COLUMNS = [
  'governorate',
  'familyId',
  'headNationalNumber',
  'livingMembers',
  'quantity',
] as const satisfies readonly (keyof UnservedFamily)[];

/** Sends `csv` as a download named `name`; the JSON body otherwise. */
function csvBody(response: Response, name: string, csv: string): string {
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${name}"`);

  return csv;
}

/** Operator reports; `?format=csv` returns the rows as CSV instead of JSON. */
@Controller('reports')
@RequireScopes(FuelScopes.read)
export class ReportsController {
  constructor(
    private readonly exclusions: ExclusionReportService,
    private readonly farApart: FarApartReportService,
    private readonly spend: SpendReportService,
  ) {}

  @Get('spend')
  async spending(
    @Query(new ZodValidationPipe(spendQuery)) query: SpendQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SpendReport | string> {
    const report = await this.spend.report(query);

    if (query.format === 'json') return report;

    return csvBody(
      response,
      `spend-${query.from}-${query.to}.csv`,
      toCsv(SPEND_COLUMNS, report.rows),
    );
  }

  @Get('exclusions')
  async unserved(
    @Query(new ZodValidationPipe(exclusionQuery)) query: ExclusionQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ExclusionReport | string> {
    const report = await this.exclusions.report(query);

    if (query.format === 'json') return report;

    const name = `exclusions-${report.productCode}-${report.periodStart}.csv`;

    return csvBody(response, name, toCsv(UNSERVED_COLUMNS, report.families));
  }

  @Get('far-apart-redemptions')
  async distantPairs(
    @Query(new ZodValidationPipe(farApartQuery)) query: FarApartQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<FarApartReport | string> {
    const report = await this.farApart.report(query);

    if (query.format === 'json') return report;

    const rows = report.pairs.map(farApartCsvRow);

    return csvBody(
      response,
      `far-apart-${query.from}-${query.to}.csv`,
      toCsv(FAR_APART_COLUMNS, rows),
    );
  }
}
