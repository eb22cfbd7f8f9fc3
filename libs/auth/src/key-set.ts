import { readFileSync, statSync } from 'node:fs';

import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';

/** Where a service finds the authority's public keys: its JWKS URL, or a copy on disk. */
export type KeySetSource = { file: string } | { url: string };

/** How often a key file is checked for a new version, in milliseconds. */
const FILE_RECHECK_MS = 5_000;

/**
 * Reads a JWKS file and reads it again when it changes, so a rotated key set takes effect
 * without a restart.
 */
function fileKeySet(file: string): JWTVerifyGetKey {
  let loaded: { getKey: JWTVerifyGetKey; modifiedMs: number } | undefined;
  let checkedAt = 0;

  const current = (): JWTVerifyGetKey => {
    const now = Date.now();

    if (loaded === undefined || now - checkedAt > FILE_RECHECK_MS) {
      checkedAt = now;
      const modifiedMs = statSync(file).mtimeMs;

      if (loaded === undefined || modifiedMs !== loaded.modifiedMs) {
        const keys = JSON.parse(readFileSync(file, 'utf8')) as JSONWebKeySet;

        loaded = { getKey: createLocalJWKSet(keys), modifiedMs };
      }
    }

    return loaded.getKey;
  };

  return (header, token) => current()(header, token);
}

export function createKeySet(source: KeySetSource): JWTVerifyGetKey {
  if ('file' in source) {
    return fileKeySet(source.file);
  }

  // The remote set is cached for ten minutes; an unknown kid refetches it at most every 30 s.
  return createRemoteJWKSet(new URL(source.url), {
    cacheMaxAge: 600_000,
    cooldownDuration: 30_000,
    timeoutDuration: 5_000,
  });
}
