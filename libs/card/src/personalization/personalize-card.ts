import { ApduError } from '../apdu/apdu-error';
import { StatusWord } from '../apdu/status-words';
import { FileId, formatFileId } from '../application/file-table';
import { Td1Mrz } from '../mrz/td1';
import { CardTransport } from '../reader/card-transport';
import { ReaderError } from '../reader/reader-error';
import {
  finalize,
  readFile,
  readLifecycle,
  readSerial,
  selectApplication,
  writeFile,
} from './card-files';
import { PersonalizationError } from './personalization-error';
import { PersonalizationData, preparePersonalization } from './personalization-data';

export interface PersonalizationResult {
  /** Card serial, 16 uppercase hex digits. */
  serial: string;
  /** SHA-256 (hex) of the files written; see `digestFiles`. */
  digest: string;
  mrz: Td1Mrz;
}

/** Bytes at the start of EF 0101 that must still be 00 on a card never written. */
const UNTOUCHED_PROBE_LENGTH = 16;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Classifies a failure before the first write: the card is still blank. */
function beforeWriting(error: unknown, step: string): PersonalizationError {
  if (error instanceof PersonalizationError) {
    return error;
  }

  if (
    error instanceof ApduError &&
    error.details['sw'] === StatusWord.FILE_NOT_FOUND &&
    step === 'select application'
  ) {
    return new PersonalizationError(
      'NOT_A_BITAQA_CARD',
      'card has no Bitaqa application',
      step,
      {},
      error,
    );
  }

  const removed =
    error instanceof ReaderError && (error.code === 'CARD_REMOVED' || error.code === 'NO_CARD');
  const code = removed ? 'CARD_REMOVED' : 'CARD_FAILED';

  return new PersonalizationError(
    code,
    `personalization failed at "${step}" before writing: ${describe(error)}`,
    step,
    {},
    error,
  );
}

function spoiled(error: unknown, step: string, serial: string): PersonalizationError {
  if (error instanceof PersonalizationError && error.spoiled) {
    return error;
  }

  return new PersonalizationError(
    'CARD_SPOILED',
    `card ${serial} is spoiled: "${step}" failed: ${describe(error)}`,
    step,
    { serial },
    error,
  );
}

async function checkBlank(card: CardTransport): Promise<string> {
  let step = 'select application';
  try {
    await selectApplication(card);
    step = 'read serial';
    const serial = await readSerial(card);
    step = 'read lifecycle';
    const lifecycle = await readLifecycle(card);
    if (lifecycle !== 'blank') {
      throw new PersonalizationError(
        'CARD_NOT_BLANK',
        `card ${serial} is ${lifecycle}, not blank`,
        step,
        { serial, lifecycle },
      );
    }

    step = 'check holder file untouched';
    const probe = await readFile(card, FileId.HOLDER_DATA, UNTOUCHED_PROBE_LENGTH);
    if (probe.some((byte) => byte !== 0)) {
      throw new PersonalizationError(
        'CARD_NOT_BLANK',
        `card ${serial} holds data from an earlier attempt`,
        step,
        { serial },
      );
    }

    return serial;
  } catch (error) {
    throw beforeWriting(error, step);
  }
}

/**
 * Personalizes a blank card: selects the application, checks the card is blank, writes holder
 * data, card number, expiry and MRZ, reads each file back and compares it, then finalizes.
 * Invalid data is rejected before the card is touched. Once writing has started, any failure,
 * mismatch or removal throws `CARD_SPOILED`: such a card must not be issued.
 */
export async function personalizeCard(
  card: CardTransport,
  data: PersonalizationData,
): Promise<PersonalizationResult> {
  const prepared = preparePersonalization(data);
  const serial = await checkBlank(card);

  let step = '';
  try {
    for (const file of prepared.files) {
      const id = formatFileId(file.id);
      step = `write EF ${id}`;
      await writeFile(card, file.id, file.content);
      step = `verify EF ${id}`;
      const readBack = await readFile(card, file.id, file.content.length, true);
      if (!readBack.equals(file.content)) {
        throw new PersonalizationError(
          'CARD_SPOILED',
          `card ${serial} is spoiled: EF ${id} reads back different data`,
          step,
          { serial, file: id },
        );
      }
    }

    step = 'finalize';
    await finalize(card);
    step = 'verify lifecycle';
    const lifecycle = await readLifecycle(card);
    if (lifecycle !== 'personalized') {
      throw new PersonalizationError(
        'CARD_SPOILED',
        `card ${serial} is ${lifecycle} after FINALIZE`,
        step,
        { serial, lifecycle },
      );
    }
  } catch (error) {
    throw spoiled(error, step, serial);
  }

  return { serial, digest: prepared.digest, mrz: prepared.mrz };
}
