import { Module } from '@nestjs/common';

import { FamiliesService } from '../families/families.service';
import { PersonsService } from '../persons/persons.service';

import { ExtractIssuer } from './extract-issuer';
import { ExtractsController } from './extracts.controller';
import { ExtractsService } from './extracts.service';

// PersonsService and FamiliesService read through the global PrismaService, so this module
// provides its own instances of them instead of changing what their modules export.
@Module({
  controllers: [ExtractsController],
  providers: [ExtractIssuer, ExtractsService, FamiliesService, PersonsService],
})
export class ExtractsModule {}
