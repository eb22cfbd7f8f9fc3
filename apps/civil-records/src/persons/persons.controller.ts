import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';

import { ZodValidationPipe } from '@bitaqa/http';

import { importBody, type ImportResponse } from './dto/import-row.dto';
import { nationalNumberParams, type PersonView } from './dto/person-view.dto';
import { ImportService } from './import.service';
import { PersonsService } from './persons.service';

@Controller('persons')
export class PersonsController {
  constructor(
    private readonly importer: ImportService,
    private readonly persons: PersonsService,
  ) {}

  /** Imports up to 5,000 persons of the existing register and returns their national numbers. */
  @Post('import')
  @HttpCode(HttpStatus.OK)
  importPersons(@Body(new ZodValidationPipe(importBody)) body: unknown[]): Promise<ImportResponse> {
    return this.importer.importRows(body);
  }

  @Get(':nationalNumber')
  get(
    @Param(new ZodValidationPipe(nationalNumberParams)) params: { nationalNumber: string },
  ): Promise<PersonView> {
    return this.persons.get(params.nationalNumber);
  }
}
