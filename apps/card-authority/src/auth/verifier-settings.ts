import { verifierSettingsFromEnv, type VerifierSettings } from '@bitaqa/auth';

import type { AppConfig } from '../config';

import { AUTHORITY_AUDIENCE } from './scopes';

/** Host values that bind every interface, so the app reaches itself on loopback. */
const ANY_INTERFACE = new Set(['0.0.0.0', '::', '']);

/**
 * Returns the token checking settings of the authority's own routes. AUTH_JWKS_URL or AUTH_JWKS_FILE win when
 * set. Otherwise the authority checks tokens against the key set it publishes itself, at
 * /.well-known/jwks.json on its own port, so a deployment needs no copy of its public keys.
 */
export function authorityVerifierSettings(
  config: Pick<AppConfig, 'host' | 'port'>,
  env: NodeJS.ProcessEnv = process.env,
): VerifierSettings {
  const keySourceSet = Boolean(env['AUTH_JWKS_URL']?.trim() || env['AUTH_JWKS_FILE']?.trim());

  // With port 0 the port is unknown until the server listens, so a key source must be set.
  if (keySourceSet || config.port === 0) {
    return verifierSettingsFromEnv(AUTHORITY_AUDIENCE, env);
  }

  const host = ANY_INTERFACE.has(config.host) ? '127.0.0.1' : config.host;
  const authority = host.includes(':') ? `[${host}]` : host;

  return verifierSettingsFromEnv(AUTHORITY_AUDIENCE, {
    ...env,
    AUTH_JWKS_URL: `http://${authority}:${config.port}/.well-known/jwks.json`,
  });
}
