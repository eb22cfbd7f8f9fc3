import { randomBytes } from 'node:crypto';

import { parseCertificate, verifyEs256 } from '@bitaqa/card-keys';

import { FileId, formatFileId, SERVICE_SLOT_SIZE } from '../application/file-table';
import { CardTransport } from '../reader/card-transport';
import { CardSecrets, signTransaction, writeCardSecrets } from '../secure/card-secrets-io';
import { openSecureChannel, SecureChannel } from '../secure/host-channel';
import { readProtectedFile, writeProtectedFile } from '../secure/protected-files';
import { SIGNATURE_CHALLENGE_LENGTH } from '../secure/secure-constants';
import { transactionSignedBytes } from '../secure/transaction-signature';
import { checkBlank, spoiled } from './blank-card';
import { checkCardSecrets } from './card-secrets-check';
import { finalize, readLifecycle } from './card-files';
import { PersonalizationError } from './personalization-error';
import { digestFiles, PersonalizationData, preparePersonalization } from './personalization-data';
import { PersonalizationResult } from './personalize-card';

/** Content for one service slot: slot 0 is EF 0110, slot 15 is EF 011F. */
export interface ServiceSlotContent {
  slot: number;
  content: Buffer;
}

export interface SecurePersonalizationInput {
  data: PersonalizationData;
  secrets: CardSecrets;
  serviceSlots?: readonly ServiceSlotContent[];
  /** Source of the challenge that proves the signing key; crypto.randomBytes by default. */
  random?: (length: number) => Buffer;
}

export interface SecurePersonalizationResult extends PersonalizationResult {
  keyVersion: number;
}

interface CardFile {
  id: number;
  content: Buffer;
}

/** Step that is running, so a failure names it. */
interface Progress {
  step: string;
}

const SLOT_COUNT = FileId.SERVICE_SLOT_LAST - FileId.SERVICE_SLOT_FIRST + 1;

function slotProblem(slot: ServiceSlotContent, seen: ReadonlySet<number>): string | null {
  if (!Number.isInteger(slot.slot) || slot.slot < 0 || slot.slot >= SLOT_COUNT) {
    return `service slot ${slot.slot} is not in 0-${SLOT_COUNT - 1}`;
  }

  if (seen.has(slot.slot)) {
    return `service slot ${slot.slot} is listed twice`;
  }

  if (slot.content.length === 0 || slot.content.length > SERVICE_SLOT_SIZE) {
    return `service slot ${slot.slot} has ${slot.content.length} bytes, expected 1-${SERVICE_SLOT_SIZE}`;
  }

  return null;
}

function slotFiles(slots: readonly ServiceSlotContent[]): CardFile[] {
  const seen = new Set<number>();

  return slots.map((slot) => {
    const problem = slotProblem(slot, seen);
    if (problem !== null) {
      throw new PersonalizationError(
        'INVALID_PERSONALIZATION_DATA',
        `personalization data is invalid: ${problem}`,
        'validate',
      );
    }

    seen.add(slot.slot);

    return { id: FileId.SERVICE_SLOT_FIRST + slot.slot, content: slot.content };
  });
}

/** Writes each file through the channel, reads it back through it and compares. */
async function writeAndVerify(
  channel: SecureChannel,
  files: readonly CardFile[],
  serial: string,
  progress: Progress,
): Promise<CardFile[]> {
  const readBack: CardFile[] = [];
  for (const file of files) {
    const id = formatFileId(file.id);
    progress.step = `write EF ${id}`;
    await writeProtectedFile(channel, file.id, file.content);
    progress.step = `verify EF ${id}`;
    const content = await readProtectedFile(channel, file.id, file.content.length);
    if (!content.equals(file.content)) {
      throw new PersonalizationError(
        'CARD_SPOILED',
        `card ${serial} is spoiled: EF ${id} reads back different data`,
        progress.step,
        { serial, file: id },
      );
    }

    readBack.push({ id: file.id, content });
  }

  return readBack;
}

function mismatch(serial: string, step: string, reason: string): PersonalizationError {
  return new PersonalizationError('CARD_SPOILED', `card ${serial} is spoiled: ${reason}`, step, {
    serial,
  });
}

/** Reads the certificate back over the channel and has the card sign a random challenge. */
async function verifyCardIdentity(
  card: CardTransport,
  channel: SecureChannel,
  input: SecurePersonalizationInput,
  serial: string,
  progress: Progress,
): Promise<void> {
  const { certificate } = input.secrets;
  progress.step = 'verify certificate';
  const stored = await readProtectedFile(channel, FileId.CARD_CERTIFICATE, certificate.length);
  if (!stored.equals(certificate)) {
    throw mismatch(
      serial,
      progress.step,
      'the certificate on the card differs from the issued one',
    );
  }

  progress.step = 'verify signing key';
  const challenge = (input.random ?? randomBytes)(SIGNATURE_CHALLENGE_LENGTH);
  const signature = await signTransaction(card, challenge, Buffer.alloc(0));
  const signed = transactionSignedBytes(challenge, signature.counter, Buffer.alloc(0));
  if (!verifyEs256(parseCertificate(certificate).publicKey, signed, signature.signature)) {
    throw mismatch(serial, progress.step, 'its signature does not verify with its certificate');
  }
}

/**
 * Personalizes a blank card with its secrets. It writes the card keys, signing key and
 * certificate in plain commands, because the card has no keys to open a channel with before.
 * Then it opens the secure channel with the new keys (MUTUAL AUTHENTICATE) and writes the holder
 * files and service slots through it, reading each back. It checks the digest of what it read,
 * finalizes, reads the certificate back and has the card sign a challenge with the certified
 * key. Invalid data or secrets are rejected before the card is touched. Once writing has
 * started, any failure or removal throws `CARD_SPOILED`.
 */
export async function personalizeCardSecurely(
  card: CardTransport,
  input: SecurePersonalizationInput,
): Promise<SecurePersonalizationResult> {
  const prepared = preparePersonalization(input.data);
  const slots = slotFiles(input.serviceSlots ?? []);
  checkCardSecrets(input.secrets, input.data.cardNumber);
  const serial = await checkBlank(card);

  const progress: Progress = { step: 'write card secrets' };
  try {
    await writeCardSecrets(card, input.secrets);
    progress.step = 'mutual authenticate';
    const channel = await openSecureChannel(card, input.secrets.keys);
    const holder = await writeAndVerify(channel, prepared.files, serial, progress);
    await writeAndVerify(channel, slots, serial, progress);
    progress.step = 'verify digest';
    if (digestFiles(holder) !== prepared.digest) {
      throw mismatch(serial, progress.step, 'the digest of the files read back differs');
    }

    progress.step = 'finalize';
    await finalize(channel);
    progress.step = 'verify lifecycle';
    const lifecycle = await readLifecycle(card);
    if (lifecycle !== 'personalized') {
      throw mismatch(serial, progress.step, `it is ${lifecycle} after FINALIZE`);
    }

    await verifyCardIdentity(card, channel, input, serial, progress);
  } catch (error) {
    throw spoiled(error, progress.step, serial);
  }

  return {
    digest: prepared.digest,
    keyVersion: input.secrets.keys.keyVersion,
    mrz: prepared.mrz,
    serial,
  };
}
