import { Module } from '@nestjs/common';

import { CatalogueModule } from '../catalogue/catalogue.module';

import { ExclusionReportService } from './exclusion-report.service';
import { FarApartReportService } from './far-apart-report.service';
import { ReportsController } from './reports.controller';
import { SpendReportService } from './spend-report.service';

@Module({
  controllers: [ReportsController],
  imports: [CatalogueModule],
  providers: [ExclusionReportService, FarApartReportService, SpendReportService],
})
export class ReportsModule {}
