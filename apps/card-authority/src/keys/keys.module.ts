import { Module } from '@nestjs/common';

import { CardKeysService } from './card-keys.service';
import { KEY_STORE, KeyStoreCloser, keyStoreProvider } from './key-store.provider';
import { KeysController } from './keys.controller';
import { KeyVersionsService } from './key-versions.service';

/**
 * Issuer key versions, the key store, card key derivation and card certificates. Exports what
 * personalization needs: `CardKeysService` and the `KEY_STORE`.
 */
@Module({
  controllers: [KeysController],
  exports: [CardKeysService, KEY_STORE, KeyVersionsService],
  providers: [CardKeysService, KeyStoreCloser, KeyVersionsService, keyStoreProvider],
})
export class KeysModule {}
