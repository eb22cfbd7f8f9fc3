import { Module } from '@nestjs/common';

import { CardsModule } from '../cards/cards.module';
import { IdentitiesModule } from '../identities/identities.module';
import { PersonalizationModule } from '../personalization/personalization.module';

import { IdentityEventsController } from './identity-events.controller';
import { IssuanceService } from './issuance.service';

@Module({
  controllers: [IdentityEventsController],
  imports: [CardsModule, IdentitiesModule, PersonalizationModule],
  providers: [IssuanceService],
})
export class IssuanceModule {}
