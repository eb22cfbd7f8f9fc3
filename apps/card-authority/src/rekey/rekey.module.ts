import { Module } from '@nestjs/common';

import { KeysModule } from '../keys/keys.module';

import { RekeyController } from './rekey.controller';
import { RekeyService } from './rekey.service';

/** Re-key packages for cards in the field and the readers' reports of their outcome. */
@Module({
  controllers: [RekeyController],
  imports: [KeysModule],
  providers: [RekeyService],
})
export class RekeyModule {}
