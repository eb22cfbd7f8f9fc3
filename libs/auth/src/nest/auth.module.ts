import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';

import { verifierSettingsFromEnv } from '../auth-settings';
import { TokenVerifier, type VerifierSettings } from '../token-verifier';

import { PRINCIPAL_CHECK, type PrincipalCheck, TOKEN_VERIFIER, TokenGuard } from './token.guard';

export interface AuthModuleOptions {
  /** This service's name as it appears in tokens' `aud`, e.g. `fuel-allocation`. */
  audience: string;
  /** Settings to use instead of reading AUTH_* from the environment. */
  settings?: VerifierSettings;
  /**
   * A further check of each verified principal, such as a station gateway requiring its own
   * station code; it throws an `ApiError` to reject the call.
   */
  acceptPrincipal?: PrincipalCheck;
}

/** Checks access tokens on every HTTP call of the app through a global `TokenGuard`. */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    return {
      exports: [TOKEN_VERIFIER],
      global: true,
      module: AuthModule,
      providers: [
        {
          provide: TOKEN_VERIFIER,
          useFactory: () =>
            new TokenVerifier(options.settings ?? verifierSettingsFromEnv(options.audience)),
        },
        { provide: PRINCIPAL_CHECK, useValue: options.acceptPrincipal ?? null },
        { provide: APP_GUARD, useClass: TokenGuard },
      ],
    };
  }
}
