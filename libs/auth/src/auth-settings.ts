import type { KeySetSource } from './key-set';
import type { VerifierSettings } from './token-verifier';

export class AuthSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthSettingsError';
  }
}

function keySetFromEnv(env: NodeJS.ProcessEnv): KeySetSource {
  const url = env['AUTH_JWKS_URL']?.trim();
  const file = env['AUTH_JWKS_FILE']?.trim();

  if (url) {
    if (!/^https?:\/\//.test(url)) {
      throw new AuthSettingsError(`AUTH_JWKS_URL must be an http(s) URL, got "${url}"`);
    }

    return { url };
  }

  if (file) {
    return { file };
  }

  throw new AuthSettingsError(
    "set AUTH_JWKS_URL to the card authority's /.well-known/jwks.json, or AUTH_JWKS_FILE to a copy",
  );
}

/**
 * Token checking settings of a service from its environment: AUTH_ISSUER, AUTH_JWKS_URL or
 * AUTH_JWKS_FILE, and AUTH_CLOCK_TOLERANCE_SECONDS (default 30).
 */
export function verifierSettingsFromEnv(
  audience: string,
  env: NodeJS.ProcessEnv = process.env,
): VerifierSettings {
  const issuer = env['AUTH_ISSUER']?.trim();

  if (!issuer) {
    throw new AuthSettingsError("set AUTH_ISSUER to the card authority's token issuer name");
  }

  const tolerance = Number(env['AUTH_CLOCK_TOLERANCE_SECONDS'] ?? '30');

  if (!Number.isInteger(tolerance) || tolerance < 0 || tolerance > 300) {
    throw new AuthSettingsError('AUTH_CLOCK_TOLERANCE_SECONDS must be an integer from 0 to 300');
  }

  return { audience, clockToleranceSeconds: tolerance, issuer, keys: keySetFromEnv(env) };
}
