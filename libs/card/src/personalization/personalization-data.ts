import { createHash } from 'node:crypto';

import { z } from 'zod';

import { FILE_TABLE, FileId } from '../application/file-table';
import { holderDataSchema } from '../application/holder-data';
import { encodeHolderData } from '../application/holder-data-codec';
import { buildTd1, isoDateToMrz, Td1Mrz } from '../mrz/td1';
import { PersonalizationError } from './personalization-error';

/** ICAO 9303 code of the Syrian Arab Republic, issuing state and nationality in the MRZ. */
export const ISSUING_STATE = 'SYR';

export const personalizationDataSchema = z.object({
  /** 8 to 16 digits; numbers longer than 9 digits continue in MRZ optional data 1. */
  cardNumber: z.string().regex(/^\d{8,16}$/, 'must be 8 to 16 digits'),
  /** Last day of validity, YYYY-MM-DD in 2000-2099 (the card stores YYMMDD). */
  expiryDate: z
    .string()
    .regex(/^20\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be YYYY-MM-DD in 2000-2099'),
  holder: holderDataSchema,
});

export type PersonalizationData = z.infer<typeof personalizationDataSchema>;

/** File contents to write and what identifies them. */
export interface PreparedPersonalization {
  /** Content of each holder file, in the order written. */
  files: ReadonlyArray<{ id: number; content: Buffer }>;
  mrz: Td1Mrz;
  /** SHA-256 (hex) over each file as id (2 bytes), length (2 bytes), content, by file id. */
  digest: string;
}

function fileSize(id: number): number {
  return FILE_TABLE.find((file) => file.id === id)!.size;
}

/** Builds the TD1 MRZ of a card: card number as document number, national number in optional data 2. */
export function buildCardMrz(data: PersonalizationData): Td1Mrz {
  return buildTd1({
    documentCode: 'ID',
    issuingState: ISSUING_STATE,
    documentNumber: data.cardNumber,
    birthDate: isoDateToMrz(data.holder.birthDate),
    sex: data.holder.sex,
    expiryDate: isoDateToMrz(data.expiryDate),
    nationality: ISSUING_STATE,
    optionalData2: data.holder.nationalNumber,
    primaryIdentifier: data.holder.latinName.family,
    secondaryIdentifier: data.holder.latinName.given,
  });
}

export function digestFiles(files: ReadonlyArray<{ id: number; content: Buffer }>): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => a.id - b.id)) {
    const header = Buffer.alloc(4);
    header.writeUInt16BE(file.id, 0);
    header.writeUInt16BE(file.content.length, 2);
    hash.update(header).update(file.content);
  }

  return hash.digest('hex');
}

/**
 * Validates personalization data and computes the file contents, before any card is touched.
 * The card number is padded with 00 to its file size so the whole file is written and checked.
 */
export function preparePersonalization(input: unknown): PreparedPersonalization {
  const parsed = personalizationDataSchema.safeParse(input);
  if (!parsed.success) {
    throw new PersonalizationError(
      'INVALID_PERSONALIZATION_DATA',
      `personalization data is invalid: ${z.prettifyError(parsed.error)}`,
      'validate',
    );
  }

  const data = parsed.data;
  try {
    const mrz = buildCardMrz(data);
    const cardNumber = Buffer.alloc(fileSize(FileId.CARD_NUMBER));
    cardNumber.write(data.cardNumber, 'ascii');
    const files = [
      { id: FileId.HOLDER_DATA, content: encodeHolderData(data.holder) },
      { id: FileId.CARD_NUMBER, content: cardNumber },
      { id: FileId.EXPIRY, content: Buffer.from(isoDateToMrz(data.expiryDate), 'ascii') },
      { id: FileId.MRZ, content: Buffer.from(mrz.text, 'ascii') },
    ];

    return { files, mrz, digest: digestFiles(files) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PersonalizationError(
      'INVALID_PERSONALIZATION_DATA',
      `personalization data is invalid: ${reason}`,
      'validate',
      {},
      error,
    );
  }
}
