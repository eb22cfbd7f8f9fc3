import { Lifecycle } from '../application/card-constants';
import { FILE_TABLE, FileId } from '../application/file-table';
import { HolderData } from '../application/holder-data';
import { decodeHolderData } from '../application/holder-data-codec';
import { CardError } from '../card-error';
import { CardTransport } from '../reader/card-transport';
import { readFile, readLifecycle, readSerial, readTlvFile, selectApplication } from './card-files';

export type CardReadErrorCode = 'CARD_DATA_INVALID';

export class CardReadError extends CardError<CardReadErrorCode> {}

/** Contents of a card as a station reads them. Fields are null on a card that is still blank. */
export interface CardContents {
  serial: string;
  lifecycle: Lifecycle;
  cardNumber: string | null;
  /** YYYY-MM-DD. */
  expiryDate: string | null;
  holder: HolderData | null;
  /** The three TD1 lines. */
  mrz: [string, string, string] | null;
}

function size(id: number): number {
  return FILE_TABLE.find((file) => file.id === id)!.size;
}

function isBlank(content: Buffer): boolean {
  return content.every((byte) => byte === 0);
}

function parseCardNumber(content: Buffer): string | null {
  const text = content.toString('ascii').replace(/\0+$/, '');
  if (text === '') {
    return null;
  }

  if (!/^\d+$/.test(text)) {
    throw new CardReadError(
      'CARD_DATA_INVALID',
      `card number file contains "${text}", expected digits`,
    );
  }

  return text;
}

function parseExpiry(content: Buffer): string | null {
  if (isBlank(content)) {
    return null;
  }

  const text = content.toString('ascii');
  if (!/^\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(text)) {
    throw new CardReadError('CARD_DATA_INVALID', `expiry file contains "${text}", expected YYMMDD`);
  }

  return `20${text.slice(0, 2)}-${text.slice(2, 4)}-${text.slice(4, 6)}`;
}

function parseMrz(content: Buffer): [string, string, string] | null {
  if (isBlank(content)) {
    return null;
  }

  const text = content.toString('ascii');

  return [text.slice(0, 30), text.slice(30, 60), text.slice(60, 90)];
}

/**
 * Reads the card number, expiry, holder data, MRZ, lifecycle and serial. Reader errors pass
 * through; content that cannot be decoded throws `CARD_DATA_INVALID`.
 */
export async function readCard(card: CardTransport): Promise<CardContents> {
  await selectApplication(card);
  const serial = await readSerial(card);
  const lifecycle = await readLifecycle(card);
  const cardNumber = parseCardNumber(
    await readFile(card, FileId.CARD_NUMBER, size(FileId.CARD_NUMBER)),
  );
  const expiryDate = parseExpiry(await readFile(card, FileId.EXPIRY, size(FileId.EXPIRY)));
  const holderContent = await readTlvFile(card, FileId.HOLDER_DATA);
  const mrz = parseMrz(await readFile(card, FileId.MRZ, size(FileId.MRZ)));
  let holder: HolderData | null = null;
  if (holderContent !== null) {
    try {
      holder = decodeHolderData(holderContent);
    } catch (error) {
      throw new CardReadError(
        'CARD_DATA_INVALID',
        `holder data on card ${serial} is invalid`,
        { serial },
        { cause: error },
      );
    }
  }

  return { serial, lifecycle, cardNumber, expiryDate, holder, mrz };
}
