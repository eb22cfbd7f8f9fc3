import { formatFileId } from '../application/file-table';
import { Td1Mrz } from '../mrz/td1';
import { CardTransport } from '../reader/card-transport';
import { checkBlank, spoiled } from './blank-card';
import { finalize, readFile, readLifecycle, writeFile } from './card-files';
import { PersonalizationError } from './personalization-error';
import { PersonalizationData, preparePersonalization } from './personalization-data';

export interface PersonalizationResult {
  /** Card serial, 16 uppercase hex digits. */
  serial: string;
  /** SHA-256 (hex) of the files written; see `digestFiles`. */
  digest: string;
  mrz: Td1Mrz;
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
