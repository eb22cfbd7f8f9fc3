import { errors, type JWTPayload, jwtVerify, type JWTVerifyGetKey } from 'jose';

import { UnauthenticatedError } from './auth-errors';
import { createKeySet, type KeySetSource } from './key-set';
import { parseScopeClaim, type Principal, TOKEN_KINDS, type TokenKind } from './principal';
import { TOKEN_ALGORITHM } from './token-signer';
import { CLAIMS } from './token-request';

export interface VerifierSettings {
  issuer: string;
  /** This service's name; a token must list it in `aud`. */
  audience: string;
  keys: KeySetSource;
  /** Clock difference tolerated on `exp` and `nbf`, in seconds. */
  clockToleranceSeconds?: number;
}

const BEARER = /^Bearer ([A-Za-z0-9_.-]{1,4096})$/;

const HINT =
  'get a token from the card authority (POST /oauth/token) and send Authorization: Bearer <token>';

function bearerToken(authorization: string | undefined): string {
  if (authorization === undefined || authorization.trim() === '') {
    throw new UnauthenticatedError('TOKEN_MISSING', 'the request carries no access token', {
      hint: HINT,
    });
  }

  const match = BEARER.exec(authorization.trim());

  if (match?.[1] === undefined) {
    throw new UnauthenticatedError(
      'TOKEN_MALFORMED',
      'the Authorization header is not a bearer token',
      { hint: HINT },
    );
  }

  return match[1];
}

function rejection(error: unknown): UnauthenticatedError {
  if (error instanceof errors.JWTExpired) {
    return new UnauthenticatedError('TOKEN_EXPIRED', 'the access token has expired', {
      hint: 'fetch a new token; tokens live for minutes',
    });
  }

  if (error instanceof errors.JWTClaimValidationFailed) {
    return new UnauthenticatedError(
      'TOKEN_CLAIM_INVALID',
      `the token's "${error.claim}" claim is not accepted here (${error.reason})`,
      { hint: `ask for a token whose "${error.claim}" fits this service`, value: error.claim },
    );
  }

  if (error instanceof errors.JWKSNoMatchingKey) {
    return new UnauthenticatedError(
      'TOKEN_KEY_UNKNOWN',
      'the token is signed with a key the card authority does not publish',
      { hint: HINT },
    );
  }

  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new UnauthenticatedError('TOKEN_SIGNATURE_INVALID', 'the token signature is wrong', {
      hint: HINT,
    });
  }

  return new UnauthenticatedError('TOKEN_MALFORMED', 'the access token cannot be read', {
    hint: HINT,
  });
}

function requiredString(payload: JWTPayload, claim: string): string {
  const value = payload[claim];

  if (typeof value !== 'string' || value === '') {
    throw new UnauthenticatedError('TOKEN_CLAIM_INVALID', `the token has no "${claim}" claim`, {
      hint: HINT,
      value: claim,
    });
  }

  return value;
}

function optionalString(payload: JWTPayload, claim: string): string | undefined {
  const value = payload[claim];

  return typeof value === 'string' && value !== '' ? value : undefined;
}

function toPrincipal(payload: JWTPayload): Principal {
  const kind = requiredString(payload, CLAIMS.kind);

  if (!(TOKEN_KINDS as readonly string[]).includes(kind)) {
    throw new UnauthenticatedError('TOKEN_CLAIM_INVALID', `unknown token kind "${kind}"`, {
      hint: HINT,
      value: kind,
    });
  }

  const principal: Principal = {
    clientId: requiredString(payload, 'sub'),
    expiresAt: new Date((payload.exp ?? 0) * 1000),
    kind: kind as TokenKind,
    scopes: parseScopeClaim(payload[CLAIMS.scope]),
    tokenId: requiredString(payload, 'jti'),
  };
  const serviceId = optionalString(payload, CLAIMS.service);
  const stationCode = optionalString(payload, CLAIMS.station);

  if (serviceId !== undefined) principal.serviceId = serviceId;
  if (stationCode !== undefined) principal.stationCode = stationCode;

  return principal;
}

/** Checks access tokens: ES256 signature by a published key, issuer, audience, times, claims. */
export class TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly settings: VerifierSettings) {
    this.keys = createKeySet(settings.keys);
  }

  get audience(): string {
    return this.settings.audience;
  }

  /** Verifies the token of an `Authorization: Bearer` header and returns its principal. */
  async verifyHeader(authorization: string | undefined): Promise<Principal> {
    return this.verify(bearerToken(authorization));
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;

    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        algorithms: [TOKEN_ALGORITHM],
        audience: this.settings.audience,
        clockTolerance: this.settings.clockToleranceSeconds ?? 30,
        issuer: this.settings.issuer,
        requiredClaims: ['exp', 'iat', 'jti', 'sub'],
        typ: 'at+jwt',
      }));
    } catch (error) {
      throw rejection(error);
    }

    return toPrincipal(payload);
  }
}
