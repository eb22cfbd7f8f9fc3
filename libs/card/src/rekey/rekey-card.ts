import { randomBytes } from 'node:crypto';

import { ApduError } from '../apdu/apdu-error';
import { StatusWord, describeStatusWord } from '../apdu/status-words';
import { FileId, findFile } from '../application/file-table';
import { readFile, selectApplication } from '../personalization/card-files';
import { CardTransport } from '../reader/card-transport';
import { readCardCertificate, signTransaction } from '../secure/card-secrets-io';
import { openSecureChannel, SecureChannel } from '../secure/host-channel';
import { SIGNATURE_CHALLENGE_LENGTH } from '../secure/secure-constants';
import { StaticCardKeys } from '../secure/session-keys';
import { verifyCardSignature } from '../secure/verify-card-signature';
import { PutKeyStatus } from './put-key-constants';
import { putKeyCommands } from './put-key-commands';
import { encodePutKeyPayload } from './put-key-payload';
import { RekeyError } from './rekey-error';
import { checkRekeyPackage, RekeyPackage } from './rekey-package';

/** Transaction data the card signs to prove its new key pair, under a challenge of the host. */
const PROOF_DATA = Buffer.from('BITAQA REKEY PROOF', 'ascii');

export interface RekeyOptions {
  /** Instant to check certificates at; defaults to now. */
  now?: Date;
  /** Source of host challenges; crypto.randomBytes by default. */
  random?: (length: number) => Buffer;
}

export interface RekeyResult {
  cardNumber: string;
  /** Key version on the card after the re-key. */
  keyVersion: number;
  /** The certificate on the card, which the proof signature verified against. */
  certificate: Buffer;
  /** Transaction counter of the proof signature. */
  counter: number;
  /**
   * True when the card was on the new version already, because an earlier attempt finished but
   * its report was lost. The certificate is then the one that attempt wrote.
   */
  alreadyRekeyed: boolean;
}

async function readCardNumber(card: CardTransport): Promise<string> {
  const content = await readFile(card, FileId.CARD_NUMBER, findFile(FileId.CARD_NUMBER)!.size);

  return content.toString('ascii').replace(/\0+$/, '');
}

function isKeyVersionMissing(error: unknown): boolean {
  return error instanceof ApduError && error.details['sw'] === StatusWord.REFERENCED_DATA_NOT_FOUND;
}

/** Opens a channel with `keys`; null when the card has another key version. */
async function tryOpenChannel(
  card: CardTransport,
  keys: StaticCardKeys,
  random: (length: number) => Buffer,
): Promise<SecureChannel | null> {
  try {
    return await openSecureChannel(card, keys, random);
  } catch (error) {
    if (isKeyVersionMissing(error)) {
      return null;
    }

    throw error;
  }
}

async function putKey(channel: SecureChannel, pkg: RekeyPackage): Promise<void> {
  const payload = encodePutKeyPayload({
    certificate: pkg.certificate,
    keys: pkg.next,
    signingKey: pkg.signingKey,
  });

  for (const command of putKeyCommands(payload)) {
    const response = await channel.transmit(command);
    if (response.sw === PutKeyStatus.KEY_VERSION_NOT_NEWER) {
      throw new RekeyError(
        'KEY_VERSION_NOT_NEWER',
        `card ${pkg.cardNumber} rejected key version ${pkg.next.keyVersion}: not greater than its own`,
        { keyVersion: pkg.next.keyVersion, sw: response.sw },
      );
    }

    if (response.sw !== StatusWord.SUCCESS) {
      throw new RekeyError(
        'PUT_KEY_REJECTED',
        `card ${pkg.cardNumber} rejected PUT KEY block ${command.p2} with ${describeStatusWord(response.sw)}`,
        { block: command.p2, sw: response.sw },
      );
    }
  }
}

/**
 * Opens a new session with the new keys, then has the card sign a fresh challenge with
 * INTERNAL AUTHENTICATE and verifies the signature against the certificate on the card.
 */
async function proveNewKeys(
  card: CardTransport,
  pkg: RekeyPackage,
  options: Required<RekeyOptions>,
  skippedPutKey: boolean,
): Promise<{ certificate: Buffer; counter: number }> {
  const channel = await tryOpenChannel(card, pkg.next, options.random);
  if (channel === null && skippedPutKey) {
    throw new RekeyError(
      'CARD_KEY_VERSION_UNKNOWN',
      `card ${pkg.cardNumber} holds neither key version ${pkg.current.keyVersion} nor ${pkg.next.keyVersion}`,
    );
  }

  if (channel === null) {
    throw new RekeyError(
      'NEW_KEYS_NOT_PROVEN',
      `card ${pkg.cardNumber} does not hold key version ${pkg.next.keyVersion} after PUT KEY`,
    );
  }

  const certificate = await readCardCertificate(card);
  if (certificate === null) {
    throw new RekeyError('CERTIFICATE_NOT_WRITTEN', `card ${pkg.cardNumber} has no certificate`);
  }

  const challenge = options.random(SIGNATURE_CHALLENGE_LENGTH);
  const signature = await signTransaction(card, challenge, PROOF_DATA);
  try {
    const verified = verifyCardSignature(
      certificate,
      pkg.issuerCertificate,
      challenge,
      PROOF_DATA,
      signature.response,
      { cardNumber: pkg.cardNumber, lastCounter: 0, now: options.now },
    );

    return { certificate, counter: verified.counter };
  } catch (error) {
    throw new RekeyError(
      'NEW_KEYS_NOT_PROVEN',
      `signature of card ${pkg.cardNumber} under its new key pair does not verify: ${String(error)}`,
      {},
      { cause: error },
    );
  }
}

/**
 * Moves a card to a new key version. It opens the secure channel with the current keys and
 * installs the new static keys, signing key and certificate with PUT KEY, which the card applies
 * in one step. Then it checks the certificate on the card and proves the new keys in a new
 * session. A card on the new version already, from an attempt whose outcome was lost, skips
 * PUT KEY and is proven the same way. A card pulled at any point keeps the old or the new key
 * set, never a mix of both.
 */
export async function rekeyCard(
  card: CardTransport,
  pkg: RekeyPackage,
  options: RekeyOptions = {},
): Promise<RekeyResult> {
  const settings = { now: options.now ?? new Date(), random: options.random ?? randomBytes };
  checkRekeyPackage(pkg, settings.now);

  await selectApplication(card);
  const cardNumber = await readCardNumber(card);
  if (cardNumber !== pkg.cardNumber) {
    throw new RekeyError(
      'CARD_NUMBER_MISMATCH',
      `card in the reader is ${cardNumber || 'unnumbered'}, the package is for ${pkg.cardNumber}`,
      { cardNumber },
    );
  }

  const channel = await tryOpenChannel(card, pkg.current, settings.random);
  if (channel !== null) {
    await putKey(channel, pkg);
    const written = await readCardCertificate(card);
    if (written === null || !written.equals(pkg.certificate)) {
      throw new RekeyError(
        'CERTIFICATE_NOT_WRITTEN',
        `certificate on card ${pkg.cardNumber} differs from the package after PUT KEY`,
      );
    }
  }

  const proof = await proveNewKeys(card, pkg, settings, channel === null);

  return {
    alreadyRekeyed: channel === null,
    cardNumber,
    keyVersion: pkg.next.keyVersion,
    ...proof,
  };
}
