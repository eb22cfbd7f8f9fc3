import { type DynamicModule, Global, Module } from '@nestjs/common';

import { AUTHORITY_AUTH_CONFIG, type AuthorityAuthConfig } from './auth-config';
import { JwksController } from './jwks.controller';
import { KeySetService } from './key-set.service';
import { loadTokenKeys, TOKEN_KEYS } from './token-keys';

/** Provides the token settings and signing key, and publishes the key set. */
@Global()
@Module({})
export class TokenSigningModule {
  static forRoot(config: AuthorityAuthConfig): DynamicModule {
    return {
      controllers: [JwksController],
      exports: [AUTHORITY_AUTH_CONFIG, TOKEN_KEYS],
      module: TokenSigningModule,
      providers: [
        { provide: AUTHORITY_AUTH_CONFIG, useValue: config },
        { provide: TOKEN_KEYS, useFactory: () => loadTokenKeys(config) },
        KeySetService,
      ],
    };
  }
}
