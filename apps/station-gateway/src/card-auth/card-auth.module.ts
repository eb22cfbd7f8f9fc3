import { Module } from '@nestjs/common';

import { TrustAnchorsModule } from '../trust-anchors/trust-anchors.module';

import { CardAuthenticator } from './card-authenticator';
import { CardFlagRepository } from './card-flag.repository';
import { CardHistoryRepository } from './card-history.repository';
import { FlagsController } from './flags.controller';

@Module({
  controllers: [FlagsController],
  exports: [CardAuthenticator],
  imports: [TrustAnchorsModule],
  providers: [CardAuthenticator, CardFlagRepository, CardHistoryRepository],
})
export class CardAuthModule {}
