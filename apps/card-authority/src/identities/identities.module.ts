import { Module } from '@nestjs/common';

import { IdentitiesService } from './identities.service';

@Module({ exports: [IdentitiesService], providers: [IdentitiesService] })
export class IdentitiesModule {}
