import { KeyObject } from 'node:crypto';

import { ApduError } from '../apdu/apdu-error';
import { expectStatus } from '../apdu/response-apdu';
import { FileId } from '../application/file-table';
import { readTlvFile, writeFile } from '../personalization/card-files';
import { CardTransport } from '../reader/card-transport';
import { encodeCardKeysFile, encodeSigningKeyFile } from './card-secrets';
import { SecurityCommands } from './host-commands';
import { StaticCardKeys } from './session-keys';
import { decodeTransactionSignature, TransactionSignature } from './transaction-signature';

/** Secrets that personalization writes for the card's security commands. */
export interface CardSecrets {
  /** Static keys of the secure channel, derived for this card by the key store. */
  keys: StaticCardKeys;
  /** The card's P-256 private key; only its scalar goes to the card. */
  signingKey: KeyObject;
  /** Card certificate binding the card number to the public half of `signingKey`. */
  certificate: Buffer;
}

/**
 * Writes the static keys, the signing key and the certificate to a blank card whose Bitaqa
 * application is selected. Key files accept writes only while the card is blank.
 */
export async function writeCardSecrets(card: CardTransport, secrets: CardSecrets): Promise<void> {
  await writeFile(card, FileId.CARD_KEYS, encodeCardKeysFile(secrets.keys));
  await writeFile(card, FileId.SIGNING_KEY, encodeSigningKeyFile(secrets.signingKey));
  await writeFile(card, FileId.CARD_CERTIFICATE, secrets.certificate);
}

/** Reads the card certificate; null when the card has none. */
export function readCardCertificate(card: CardTransport): Promise<Buffer | null> {
  return readTlvFile(card, FileId.CARD_CERTIFICATE);
}

/**
 * Asks the card to sign a transaction with INTERNAL AUTHENTICATE and returns the raw response
 * data (for `verifyCardSignature`) with its counter and signature.
 */
export async function signTransaction(
  card: CardTransport,
  challenge: Buffer,
  transactionData: Buffer,
): Promise<TransactionSignature & { response: Buffer }> {
  const response = expectStatus(
    await card.transmit(SecurityCommands.internalAuthenticate(challenge, transactionData)),
    'INTERNAL AUTHENTICATE',
  );
  const parsed = decodeTransactionSignature(response.data);
  if (parsed === null) {
    throw new ApduError(
      'UNEXPECTED_RESPONSE_DATA',
      `INTERNAL AUTHENTICATE returned ${response.data.length} bytes, expected 68`,
      { length: response.data.length },
    );
  }

  return { ...parsed, response: response.data };
}
