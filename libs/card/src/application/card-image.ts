import { randomBytes } from 'node:crypto';

import { z } from 'zod';

import { CHIP_LIFECYCLES } from '@bitaqa/contracts';

import { CardError } from '../card-error';
import { Lifecycle, SERIAL_LENGTH } from './card-constants';
import { FILE_TABLE, findFile, formatFileId } from './file-table';

export type CardImageErrorCode = 'CARD_IMAGE_INVALID';

export class CardImageError extends CardError<CardImageErrorCode> {}

/**
 * Persistent state of one card, as plain JSON: what a card keeps when it is pulled out of a
 * reader. Session state (selected file, pending GET RESPONSE data) is not part of it.
 */
export interface CardImage {
  format: 'bitaqa-card-image/1';
  /** Card serial as 16 uppercase hex digits. */
  serial: string;
  lifecycle: Lifecycle;
  /** Number of UPDATE BINARY commands the card has executed, so a touched blank is visible. */
  updateCount: number;
  /** Content of every file by id (four uppercase hex digits), as hex of the full file size. */
  files: Record<string, string>;
}

const cardImageSchema = z.object({
  format: z.literal('bitaqa-card-image/1'),
  serial: z.string().regex(new RegExp(`^[0-9A-F]{${SERIAL_LENGTH * 2}}$`)),
  lifecycle: z.enum(CHIP_LIFECYCLES),
  updateCount: z.number().int().nonnegative(),
  files: z.record(z.string(), z.string().regex(/^([0-9a-f]{2})*$/)),
});

/** Makes a blank card: random serial, lifecycle `blank`, every file filled with 00. */
export function createBlankCardImage(serial: Buffer = randomBytes(SERIAL_LENGTH)): CardImage {
  if (serial.length !== SERIAL_LENGTH) {
    throw new CardImageError('CARD_IMAGE_INVALID', `serial must be ${SERIAL_LENGTH} bytes`, {
      length: serial.length,
    });
  }

  const files: Record<string, string> = {};
  for (const file of FILE_TABLE) {
    files[formatFileId(file.id)] = Buffer.alloc(file.size).toString('hex');
  }

  return {
    format: 'bitaqa-card-image/1',
    serial: serial.toString('hex').toUpperCase(),
    lifecycle: 'blank',
    updateCount: 0,
    files,
  };
}

/**
 * Checks an image read from JSON and returns its file contents as buffers. Every file of the
 * file table must be present with its exact size, and no other file.
 */
export function parseCardImage(input: unknown): { image: CardImage; files: Map<number, Buffer> } {
  const result = cardImageSchema.safeParse(input);
  if (!result.success) {
    throw new CardImageError(
      'CARD_IMAGE_INVALID',
      `card image is invalid: ${z.prettifyError(result.error)}`,
    );
  }

  const image = result.data;
  const files = new Map<number, Buffer>();
  for (const [key, hex] of Object.entries(image.files)) {
    const file = /^[0-9A-F]{4}$/.test(key) ? findFile(parseInt(key, 16)) : undefined;
    if (file === undefined) {
      throw new CardImageError('CARD_IMAGE_INVALID', `card image has unknown file ${key}`, {
        file: key,
      });
    }

    const content = Buffer.from(hex, 'hex');
    if (content.length !== file.size) {
      throw new CardImageError(
        'CARD_IMAGE_INVALID',
        `file ${key} is ${content.length} bytes, its size is ${file.size}`,
        { file: key, length: content.length },
      );
    }

    files.set(file.id, content);
  }

  const missing = FILE_TABLE.filter((file) => !files.has(file.id)).map((file) =>
    formatFileId(file.id),
  );
  if (missing.length > 0) {
    throw new CardImageError('CARD_IMAGE_INVALID', `card image lacks files ${missing.join(', ')}`, {
      missing,
    });
  }

  return { image, files };
}
