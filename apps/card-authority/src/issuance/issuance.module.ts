import { Module } from '@nestjs/common';

import { CardsModule } from '../cards/cards.module';
import { IdentitiesModule } from '../identities/identities.module';
import { PersonalizationModule } from '../personalization/personalization.module';

import { CardIssuerService } from './card-issuer.service';
import { IdentityEventsController } from './identity-events.controller';
import { IssuanceService } from './issuance.service';
import { ReplacementController } from './replacement.controller';
import { ReplacementService } from './replacement.service';

@Module({
  controllers: [IdentityEventsController, ReplacementController],
  imports: [CardsModule, IdentitiesModule, PersonalizationModule],
  providers: [CardIssuerService, IssuanceService, ReplacementService],
})
export class IssuanceModule {}
