import { Module } from '@nestjs/common';

import { IdentitiesModule } from '../identities/identities.module';

import { VerificationsController } from './verifications.controller';
import { Verifications } from './verifications.service';

@Module({
  controllers: [VerificationsController],
  imports: [IdentitiesModule],
  providers: [Verifications],
})
export class VerificationsModule {}
