// Creates the card authority's token signing key when it is missing: a P-256 private key as a
// JWK (alg ES256, with a key id) and the public JSON Web Key Set that services and the Kafka
// broker check tokens against. An existing key is kept, so tokens stay valid across restarts.
// Uses only Node.js's built-in crypto, because it runs before the npm packages may be there.
//
// Usage: node infra/scripts/token-keys.mjs KEY_FILE JWKS_FILE
import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const [keyFile, jwksFile] = process.argv.slice(2);

if (!keyFile || !jwksFile) {
  console.error('usage: node infra/scripts/token-keys.mjs KEY_FILE JWKS_FILE');
  process.exit(2);
}

function writeAtomically(file, text, mode) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.partial`, text, { mode });
  renameSync(`${file}.partial`, file);
}

// RFC 7638 thumbprint of the public key, used as the key id.
function thumbprint({ crv, kty, x, y }) {
  const canonical = JSON.stringify({ crv, kty, x, y });

  return createHash('sha256').update(canonical).digest('base64url');
}

function createPrivateJwk() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' });

  return { ...jwk, alg: 'ES256', kid: thumbprint(jwk), use: 'sig' };
}

const created = !existsSync(keyFile);
const privateJwk = created ? createPrivateJwk() : JSON.parse(readFileSync(keyFile, 'utf8'));

if (created) {
  writeAtomically(keyFile, `${JSON.stringify(privateJwk, null, 2)}\n`, 0o600);
}

const { d: _secret, ...publicJwk } = privateJwk;

writeAtomically(jwksFile, `${JSON.stringify({ keys: [publicJwk] }, null, 2)}\n`, 0o644);
console.log(`${created ? 'created' : 'kept'} token signing key ${privateJwk.kid}`);
