import { ApduError } from '../apdu/apdu-error';
import { StatusWord } from '../apdu/status-words';
import { FileId } from '../application/file-table';
import { CardTransport } from '../reader/card-transport';
import { ReaderError } from '../reader/reader-error';
import { readFile, readLifecycle, readSerial, selectApplication } from './card-files';
import { PersonalizationError } from './personalization-error';

/** Bytes at the start of EF 0101 that must still be 00 on a card never written. */
const UNTOUCHED_PROBE_LENGTH = 16;

export function describeError(error: unknown): string {
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
    `personalization failed at "${step}" before writing: ${describeError(error)}`,
    step,
    {},
    error,
  );
}

export function spoiled(error: unknown, step: string, serial: string): PersonalizationError {
  if (error instanceof PersonalizationError && error.spoiled) {
    return error;
  }

  return new PersonalizationError(
    'CARD_SPOILED',
    `card ${serial} is spoiled: "${step}" failed: ${describeError(error)}`,
    step,
    { serial },
    error,
  );
}

export async function checkBlank(card: CardTransport): Promise<string> {
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
