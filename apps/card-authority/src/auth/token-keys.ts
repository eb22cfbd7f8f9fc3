import { readFile } from 'node:fs/promises';

import { TokenSigner } from '@bitaqa/auth';
import type { JWK } from 'jose';

import { ConfigError } from '../config';

import type { AuthorityAuthConfig } from './auth-config';

/** Members of a P-256 public JWK that the key set publishes. Nothing private is copied. */
const PUBLIC_MEMBERS = ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y'] as const;

/** Copies the public members of an EC key, leaving out `d` and any unknown member. */
export function publicJwk(jwk: JWK): JWK {
  const copy: JWK = {};

  for (const member of PUBLIC_MEMBERS) {
    if (jwk[member] !== undefined) copy[member] = jwk[member];
  }

  return copy;
}

/** The authority's token signer and the public half of its key, for the key set. */
export interface TokenKeys {
  signer: TokenSigner;
  publicKey: JWK;
}

export const TOKEN_KEYS = Symbol('TOKEN_KEYS');

async function readJson(file: string, variable: string): Promise<unknown> {
  let text: string;

  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `${variable} names ${file}, which cannot be read (${(error as Error).message}); ` +
        'create the key with infra/scripts/token-keys.mjs',
    );
  }

  try {
    return JSON.parse(text);
  } catch {
    throw new ConfigError(`${variable} names ${file}, which is not JSON`);
  }
}

/** Loads the signing key named by AUTH_TOKEN_KEY_FILE, and fails when it is missing or invalid. */
export async function loadTokenKeys(config: AuthorityAuthConfig): Promise<TokenKeys> {
  const jwk = (await readJson(config.tokenKeyFile, 'AUTH_TOKEN_KEY_FILE')) as JWK;
  let signer: TokenSigner;

  try {
    signer = await TokenSigner.fromJwk(config.issuer, jwk);
  } catch (error) {
    throw new ConfigError(
      `AUTH_TOKEN_KEY_FILE ${config.tokenKeyFile}: ${(error as Error).message}`,
    );
  }

  return { publicKey: { ...publicJwk(jwk), alg: 'ES256', use: 'sig' }, signer };
}

/**
 * Reads the extra public keys of AUTH_JWKS_FILE, such as the previous signing key during a
 * rotation. Only EC keys with a kid are kept, and only their public members.
 */
export async function loadExtraPublicKeys(file: string): Promise<JWK[]> {
  const set = (await readJson(file, 'AUTH_JWKS_FILE')) as { keys?: unknown };

  if (!Array.isArray(set.keys)) {
    throw new ConfigError(`AUTH_JWKS_FILE ${file} has no "keys" array`);
  }

  return (set.keys as JWK[])
    .filter((key) => key.kty === 'EC' && typeof key.kid === 'string')
    .map(publicJwk);
}
