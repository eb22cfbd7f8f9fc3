import { ClientCredentialsTokenSource, type TokenSource } from '@bitaqa/auth';

import type { AppName } from '../app-catalogue';

import type { PlatformClient } from './platform-clients';

/**
 * A client credentials token source that counts the distinct tokens it received from the card
 * authority, so the summary can report how many tokens the flow fetched.
 */
export class CountingTokenSource implements TokenSource {
  private readonly seen = new Set<string>();
  private readonly source: ClientCredentialsTokenSource;

  constructor(tokenUrl: string, client: PlatformClient, audience: AppName | 'kafka') {
    this.source = new ClientCredentialsTokenSource({
      audience,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      tokenUrl,
    });
  }

  get fetched(): number {
    return this.seen.size;
  }

  async authorization(): Promise<string> {
    const header = await this.source.authorization();

    this.seen.add(header);

    return header;
  }
}

/** Returns the token endpoint URL of the card authority at `authorityUrl`. */
export function tokenEndpoint(authorityUrl: string): string {
  return `${authorityUrl}/oauth/token`;
}

/** Returns the URL of the public key set that the other apps check the authority's tokens with. */
export function jwksEndpoint(authorityUrl: string): string {
  return `${authorityUrl}/.well-known/jwks.json`;
}
