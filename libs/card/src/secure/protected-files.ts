import { expectStatus } from '../apdu/response-apdu';
import { StatusWord } from '../apdu/status-words';
import { CardCommands } from '../application/card-commands';
import { formatFileId } from '../application/file-table';
import { selectFile } from '../personalization/card-files';
import { SecureChannel } from './host-channel';
import { SECURE_MAX_COMMAND_DATA, SECURE_MAX_RESPONSE_DATA } from './secure-constants';

/**
 * Writes `content` at offset 0 of a file through the secure channel, in chunks that fit one
 * secure command (239 bytes), as service slots require.
 */
export async function writeProtectedFile(
  channel: SecureChannel,
  fileId: number,
  content: Buffer,
): Promise<void> {
  await selectFile(channel, fileId);
  for (let offset = 0; offset < content.length; offset += SECURE_MAX_COMMAND_DATA) {
    const chunk = content.subarray(offset, offset + SECURE_MAX_COMMAND_DATA);
    const response = await channel.transmit(CardCommands.updateBinary(offset, chunk));
    expectStatus(response, `secure UPDATE BINARY EF ${formatFileId(fileId)} at ${offset}`);
  }
}

/**
 * Reads `length` bytes from offset 0 of a file through the secure channel, so the response MAC
 * proves the data came from the authenticated card. Stops early at the end of the file.
 */
export async function readProtectedFile(
  channel: SecureChannel,
  fileId: number,
  length: number,
): Promise<Buffer> {
  await selectFile(channel, fileId);
  const chunks: Buffer[] = [];
  let offset = 0;
  while (offset < length) {
    const size = Math.min(SECURE_MAX_RESPONSE_DATA, length - offset);
    const response = await channel.transmit(CardCommands.readBinary(offset, size));
    expectStatus(response, `secure READ BINARY EF ${formatFileId(fileId)} at ${offset}`, [
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
