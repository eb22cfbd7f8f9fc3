import { Module } from '@nestjs/common';

import { ImportService } from './import.service';
import { PersonsController } from './persons.controller';
import { PersonsService } from './persons.service';

@Module({ controllers: [PersonsController], providers: [ImportService, PersonsService] })
export class PersonsModule {}
