import { CommandApdu } from '../../apdu/command-apdu';
import { responseApdu, ResponseApdu } from '../../apdu/response-apdu';
import { StatusWord } from '../../apdu/status-words';
import { CommandContext } from '../card-session';
import { FileDefinition } from '../file-table';

type Target = { file: FileDefinition; offset: number } | { sw: number };

/**
 * Resolves P1P2 as a 15-bit offset into the current EF. P1 with b8 set would address a file
 * by short EF identifier, which this application does not assign.
 */
function resolveTarget(context: CommandContext, command: CommandApdu): Target {
  if ((command.p1 & 0x80) !== 0) {
    return { sw: StatusWord.INCORRECT_P1P2 };
  }

  const file = context.session.currentFile;
  if (!context.session.applicationSelected || file === null) {
    return { sw: StatusWord.COMMAND_NOT_ALLOWED_NO_CURRENT_EF };
  }

  const offset = (command.p1 << 8) | command.p2;
  if (offset >= file.size) {
    return { sw: StatusWord.WRONG_OFFSET };
  }

  return { file, offset };
}

/**
 * READ BINARY (00 B0): returns up to Ne bytes from the offset. A read that reaches the end of
 * the file returns the bytes that exist with 6282.
 */
export function readBinary(context: CommandContext, command: CommandApdu): ResponseApdu {
  if (command.ne === 0 || command.data.length > 0) {
    return responseApdu(StatusWord.WRONG_LENGTH);
  }

  const target = resolveTarget(context, command);
  if ('sw' in target) {
    return responseApdu(target.sw);
  }

  // Key and internal files are never read out, in any state and through any channel.
  if (target.file.kind === 'key' || target.file.kind === 'internal') {
    return responseApdu(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
  }

  const content = context.card.files.get(target.file.id)!;
  const end = Math.min(target.offset + command.ne, target.file.size);
  const data = content.subarray(target.offset, end);
  const short = end - target.offset < command.ne;

  return responseApdu(short ? StatusWord.END_OF_FILE_REACHED : StatusWord.SUCCESS, data);
}

/**
 * Returns the status word that forbids an update, or null. Holder and key files are written
 * only while the card is blank. Service slots are written only through the secure channel,
 * until the card is blocked or terminated. Internal files are never written by a command.
 */
function updateForbidden(context: CommandContext, file: FileDefinition): number | null {
  const { lifecycle } = context.card;

  if (file.kind === 'internal') {
    return StatusWord.SECURITY_STATUS_NOT_SATISFIED;
  }

  if (lifecycle === 'blocked' || lifecycle === 'terminated') {
    return StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED;
  }

  if (file.kind === 'service') {
    return context.session.security.secured ? null : StatusWord.SECURITY_STATUS_NOT_SATISFIED;
  }

  return lifecycle === 'blank' ? null : StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED;
}

/**
 * UPDATE BINARY (00 D6): writes the data at the offset. Data that would run past the end of
 * the file gets 6700 and changes nothing.
 */
export function updateBinary(context: CommandContext, command: CommandApdu): ResponseApdu {
  if (command.data.length === 0) {
    return responseApdu(StatusWord.WRONG_LENGTH);
  }

  const target = resolveTarget(context, command);
  if ('sw' in target) {
    return responseApdu(target.sw);
  }

  const forbidden = updateForbidden(context, target.file);
  if (forbidden !== null) {
    return responseApdu(forbidden);
  }

  if (target.offset + command.data.length > target.file.size) {
    return responseApdu(StatusWord.WRONG_LENGTH);
  }

  command.data.copy(context.card.files.get(target.file.id)!, target.offset);
  context.card.updateCount++;

  return responseApdu(StatusWord.SUCCESS);
}
