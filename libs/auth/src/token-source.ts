import type { TokenSigner } from './token-signer';
import type { TokenRequest } from './token-request';

/** Gives the Authorization header value for an outgoing call; refreshes tokens as needed. */
export interface TokenSource {
  authorization(): Promise<string>;
}

interface CachedToken {
  header: string;
  refreshAt: number;
}

/** Tokens are fetched again this long before they expire, in milliseconds. */
const REFRESH_MARGIN_MS = 60_000;

/** Caches one token and lets concurrent callers share a single fetch. */
abstract class CachingTokenSource implements TokenSource {
  private cached: CachedToken | undefined;
  private pending: Promise<CachedToken> | undefined;

  async authorization(): Promise<string> {
    if (this.cached !== undefined && Date.now() < this.cached.refreshAt) {
      return this.cached.header;
    }

    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    this.cached = await this.pending;

    return this.cached.header;
  }

  protected abstract fetchToken(): Promise<CachedToken>;

  protected cache(token: string, expiresAt: number): CachedToken {
    const lifetime = expiresAt - Date.now();

    return {
      header: `Bearer ${token}`,
      refreshAt: Date.now() + Math.max(lifetime - REFRESH_MARGIN_MS, lifetime / 2),
    };
  }
}

export interface ClientCredentials {
  /** The card authority's token endpoint, `<authority>/oauth/token`. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** The service the token is for. */
  audience: string;
  /** Scopes to ask for; the authority grants at most the credential's own. */
  scopes?: readonly string[];
}

export class TokenFetchError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TokenFetchError';
  }
}

interface TokenResponse {
  access_token?: unknown;
  expires_in?: unknown;
}

/** Gets tokens from the card authority with the OAuth 2.0 client credentials grant. */
export class ClientCredentialsTokenSource extends CachingTokenSource {
  constructor(private readonly credentials: ClientCredentials) {
    super();
  }

  protected async fetchToken(): Promise<CachedToken> {
    const { audience, clientId, clientSecret, scopes, tokenUrl } = this.credentials;
    const body = new URLSearchParams({ audience, grant_type: 'client_credentials' });

    if (scopes !== undefined && scopes.length > 0) body.set('scope', scopes.join(' '));

    const response = await fetch(tokenUrl, {
      body,
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      method: 'POST',
      signal: AbortSignal.timeout(10_000),
    });
    const answer = (await response.json().catch(() => ({}))) as TokenResponse;

    if (!response.ok || typeof answer.access_token !== 'string') {
      throw new TokenFetchError(
        `the card authority refused a token for ${clientId}: HTTP ${response.status}`,
        response.status,
      );
    }

    const seconds = typeof answer.expires_in === 'number' ? answer.expires_in : 300;

    return this.cache(answer.access_token, Date.now() + seconds * 1000);
  }
}

/**
 * Signs its own tokens with the issuer key. The card authority uses it for its calls to other
 * services, and tests use it with the local platform's key.
 */
export class SignedTokenSource extends CachingTokenSource {
  constructor(
    private readonly signer: TokenSigner,
    private readonly request: TokenRequest,
  ) {
    super();
  }

  protected async fetchToken(): Promise<CachedToken> {
    const signed = await this.signer.sign(this.request);

    return this.cache(signed.token, signed.expiresAt.getTime());
  }
}

/** A fixed header value, for a caller that was handed a token by hand. */
export class StaticTokenSource implements TokenSource {
  constructor(private readonly token: string) {}

  authorization(): Promise<string> {
    return Promise.resolve(`Bearer ${this.token}`);
  }
}
