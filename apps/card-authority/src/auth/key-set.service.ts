import { Inject, Injectable } from '@nestjs/common';
import type { JWK } from 'jose';

import { errorFields, type Logger } from '@bitaqa/observability';

import { LOGGER } from '../core.module';

import { AUTHORITY_AUTH_CONFIG, type AuthorityAuthConfig } from './auth-config';
import { loadExtraPublicKeys, TOKEN_KEYS, type TokenKeys } from './token-keys';

/**
 * Builds the published key set: the current signing key first, then the extra keys of
 * AUTH_JWKS_FILE that have another kid. The file is read on each call, so a key added there for a
 * rotation is published without a restart.
 */
@Injectable()
export class KeySetService {
  constructor(
    @Inject(AUTHORITY_AUTH_CONFIG) private readonly config: AuthorityAuthConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(TOKEN_KEYS) private readonly keys: TokenKeys,
  ) {}

  async keySet(): Promise<{ keys: JWK[] }> {
    const keys = [this.keys.publicKey];

    for (const extra of await this.extraKeys()) {
      if (!keys.some((key) => key.kid === extra.kid)) keys.push(extra);
    }

    return { keys };
  }

  private async extraKeys(): Promise<JWK[]> {
    if (this.config.jwksFile === null) {
      return [];
    }

    try {
      return await loadExtraPublicKeys(this.config.jwksFile);
    } catch (error) {
      // The signing key alone still lets every service check current tokens.
      this.logger.error(
        { err: errorFields(error), file: this.config.jwksFile },
        'extra public keys not published',
      );

      return [];
    }
  }
}
