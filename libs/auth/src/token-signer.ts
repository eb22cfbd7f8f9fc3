import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { importJWK, type CryptoKey, type JWK, SignJWT } from 'jose';

import { CLAIMS, MAX_TOKEN_TTL_SECONDS, type TokenRequest } from './token-request';

export const TOKEN_ALGORITHM = 'ES256';

export interface SignedToken {
  token: string;
  tokenId: string;
  expiresAt: Date;
}

/** Holds the issuer's ES256 private key and signs access tokens with it. */
export class TokenSigner {
  private constructor(
    readonly issuer: string,
    readonly keyId: string,
    private readonly key: CryptoKey | Uint8Array,
  ) {}

  /** Loads a private JWK (P-256, with `kid`) such as infra/scripts/token-keys.mjs writes. */
  static async fromJwkFile(issuer: string, file: string): Promise<TokenSigner> {
    const jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;

    return TokenSigner.fromJwk(issuer, jwk);
  }

  static async fromJwk(issuer: string, jwk: JWK): Promise<TokenSigner> {
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || jwk.d === undefined || jwk.kid === undefined) {
      throw new Error('the token signing key must be a private P-256 JWK with a kid');
    }

    return new TokenSigner(issuer, jwk.kid, await importJWK(jwk, TOKEN_ALGORITHM));
  }

  async sign(request: TokenRequest, now = new Date()): Promise<SignedToken> {
    if (!(request.ttlSeconds > 0 && request.ttlSeconds <= MAX_TOKEN_TTL_SECONDS)) {
      throw new RangeError(`token lifetime must be 1 to ${MAX_TOKEN_TTL_SECONDS} s`);
    }

    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = issuedAt + request.ttlSeconds;
    const tokenId = randomUUID();
    const claims: Record<string, unknown> = {
      [CLAIMS.kind]: request.kind,
      [CLAIMS.scope]: [...request.scopes].sort().join(' '),
    };

    if (request.serviceId !== undefined) claims[CLAIMS.service] = request.serviceId;
    if (request.stationCode !== undefined) claims[CLAIMS.station] = request.stationCode;

    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: this.keyId, typ: 'at+jwt' })
      .setIssuer(this.issuer)
      .setSubject(request.subject)
      .setAudience(request.audience)
      .setIssuedAt(issuedAt)
      .setNotBefore(issuedAt)
      .setExpirationTime(expiresAt)
      .setJti(tokenId)
      .sign(this.key);

    return { expiresAt: new Date(expiresAt * 1000), token, tokenId };
  }
}
