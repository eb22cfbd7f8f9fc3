import { createPublicKey } from 'node:crypto';

import { AES_BLOCK_SIZE, parseCertificate, pointFromPublicKey } from '@bitaqa/card-keys';

import { FILE_TABLE, FileId } from '../application/file-table';
import { CardSecrets } from '../secure/card-secrets-io';
import { PersonalizationError } from './personalization-error';

const CERTIFICATE_FILE_SIZE = FILE_TABLE.find((file) => file.id === FileId.CARD_CERTIFICATE)!.size;

function invalid(reason: string, cause?: unknown): PersonalizationError {
  return new PersonalizationError(
    'INVALID_CARD_SECRETS',
    `card secrets are invalid: ${reason}`,
    'validate secrets',
    {},
    cause,
  );
}

function checkKeys(secrets: CardSecrets): void {
  const { keyVersion, enc, mac, auth } = secrets.keys;
  if (!Number.isInteger(keyVersion) || keyVersion < 1 || keyVersion > 0xffff) {
    throw invalid(`key version ${keyVersion} is not in 1-65535`);
  }

  for (const [name, key] of [
    ['ENC', enc],
    ['MAC', mac],
    ['AUTH', auth],
  ] as const) {
    if (key.length !== AES_BLOCK_SIZE) {
      throw invalid(`the ${name} key has ${key.length} bytes, expected ${AES_BLOCK_SIZE}`);
    }
  }
}

/**
 * Checks the secrets before any card is touched: AES-128 card keys, a certificate that fits its
 * file, names `cardNumber`, and certifies the public half of the signing key.
 */
export function checkCardSecrets(secrets: CardSecrets, cardNumber: string): void {
  checkKeys(secrets);

  if (secrets.certificate.length > CERTIFICATE_FILE_SIZE) {
    throw invalid(
      `the certificate has ${secrets.certificate.length} bytes, the card file ${CERTIFICATE_FILE_SIZE}`,
    );
  }

  let holder: string;
  let certified: Buffer;
  let signing: Buffer;
  try {
    const certificate = parseCertificate(secrets.certificate);
    holder = certificate.holderReference;
    certified = certificate.publicKey;
    signing = pointFromPublicKey(createPublicKey(secrets.signingKey));
  } catch (error) {
    throw invalid('the certificate or the signing key does not decode', error);
  }

  if (holder !== cardNumber) {
    throw invalid(`the certificate names card ${holder}, not ${cardNumber}`);
  }

  if (!certified.equals(signing)) {
    throw invalid('the certificate does not certify the public half of the signing key');
  }
}
