import { Module } from '@nestjs/common';

import { BulkImportController } from './bulk-import.controller';
import { BulkImportService } from './bulk-import.service';
import { BULK_IMPORT_SETTINGS, loadBulkImportSettings } from './import-settings';

@Module({
  controllers: [BulkImportController],
  providers: [
    BulkImportService,
    { provide: BULK_IMPORT_SETTINGS, useFactory: () => loadBulkImportSettings() },
  ],
})
export class BulkImportModule {}
