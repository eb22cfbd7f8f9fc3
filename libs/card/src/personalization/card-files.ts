import { SHORT_MAX_DATA, SHORT_MAX_NE } from '../apdu/command-apdu';
import { expectStatus } from '../apdu/response-apdu';
import { StatusWord } from '../apdu/status-words';
import { CardCommands } from '../application/card-commands';
import { DataObjectTag, Lifecycle, lifecycleFromCode } from '../application/card-constants';
import { formatFileId } from '../application/file-table';
import { decodeTlv, encodedTlvLength } from '../tlv/tlv-decoder';
import { expectTag } from '../tlv/tlv-query';
import { CardTransport } from '../reader/card-transport';
import { ApduError } from '../apdu/apdu-error';

/** Bytes per UPDATE BINARY: a short APDU carries at most 255 data bytes. */
const WRITE_CHUNK = SHORT_MAX_DATA;

/** Bytes per READ BINARY: a short Le of 00 requests 256. */
const READ_CHUNK = SHORT_MAX_NE;

export async function selectApplication(card: CardTransport): Promise<void> {
  expectStatus(await card.transmit(CardCommands.selectApplication()), 'SELECT Bitaqa application');
}

export async function selectFile(card: CardTransport, fileId: number): Promise<void> {
  expectStatus(
    await card.transmit(CardCommands.selectFile(fileId)),
    `SELECT EF ${formatFileId(fileId)}`,
  );
}

/** Writes `content` at offset 0 of the selected file in short-APDU chunks. */
export async function writeFile(
  card: CardTransport,
  fileId: number,
  content: Buffer,
): Promise<void> {
  await selectFile(card, fileId);
  for (let offset = 0; offset < content.length; offset += WRITE_CHUNK) {
    const chunk = content.subarray(offset, offset + WRITE_CHUNK);
    const response = await card.transmit(CardCommands.updateBinary(offset, chunk));
    expectStatus(response, `UPDATE BINARY EF ${formatFileId(fileId)} at ${offset}`);
  }
}

/**
 * Reads `length` bytes from offset 0 of a file; stops early at the end of the file. Pass
 * `selected` when the file is the current EF already, to save the SELECT.
 */
export async function readFile(
  card: CardTransport,
  fileId: number,
  length: number,
  selected = false,
): Promise<Buffer> {
  if (!selected) {
    await selectFile(card, fileId);
  }

  const chunks: Buffer[] = [];
  let offset = 0;
  while (offset < length) {
    const response = await card.transmit(
      CardCommands.readBinary(offset, Math.min(READ_CHUNK, length - offset)),
    );
    expectStatus(response, `READ BINARY EF ${formatFileId(fileId)} at ${offset}`, [
      StatusWord.SUCCESS,
      StatusWord.END_OF_FILE_REACHED,
    ]);
    chunks.push(response.data);
    offset += response.data.length;
    if (response.sw === StatusWord.END_OF_FILE_REACHED || response.data.length === 0) {
      break;
    }
  }

  return Buffer.concat(chunks);
}

/**
 * Reads the BER-TLV object at the start of a file: one READ BINARY of 256 bytes, then more
 * only if the object is longer. Returns null when the file starts with 00 (never written).
 */
export async function readTlvFile(card: CardTransport, fileId: number): Promise<Buffer | null> {
  const head = await readFile(card, fileId, READ_CHUNK);
  if (head.length === 0 || head[0] === 0) {
    return null;
  }

  const length = encodedTlvLength(head);
  if (length <= head.length) {
    return head.subarray(0, length);
  }

  return readFile(card, fileId, length, true);
}

async function getDataObject(
  card: CardTransport,
  tag: (typeof DataObjectTag)[keyof typeof DataObjectTag],
): Promise<Buffer> {
  const response = expectStatus(
    await card.transmit(CardCommands.getData(tag)),
    `GET DATA ${tag.toString(16).toUpperCase()}`,
  );

  return expectTag(decodeTlv(response.data), tag).value;
}

export async function readLifecycle(card: CardTransport): Promise<Lifecycle> {
  const value = await getDataObject(card, DataObjectTag.LIFECYCLE);
  const lifecycle = value.length === 1 ? lifecycleFromCode(value[0]!) : undefined;
  if (lifecycle === undefined) {
    throw new ApduError(
      'UNEXPECTED_RESPONSE_DATA',
      `card returned unknown lifecycle ${value.toString('hex')}`,
      {
        lifecycle: value.toString('hex'),
      },
    );
  }

  return lifecycle;
}

/** Returns the card serial as uppercase hex. */
export async function readSerial(card: CardTransport): Promise<string> {
  return (await getDataObject(card, DataObjectTag.SERIAL)).toString('hex').toUpperCase();
}

export async function finalize(card: CardTransport): Promise<void> {
  expectStatus(
    await card.transmit(CardCommands.finalizePersonalization()),
    'FINALIZE PERSONALIZATION',
  );
}
