import { CommandApdu } from '../../apdu/command-apdu';
import { responseApdu, ResponseApdu } from '../../apdu/response-apdu';
import { StatusWord } from '../../apdu/status-words';
import { constructed, primitive } from '../../tlv/tlv-node';
import { encodeTlv } from '../../tlv/tlv-encoder';
import { BITAQA_AID, SelectP1, SelectP2 } from '../card-constants';
import { CommandContext } from '../card-session';
import { findFile, FileDefinition } from '../file-table';
import { shapeDataResponse } from '../response-shaping';

/** ISO/IEC 7816-4 allows AIDs of 5 to 16 bytes. */
const MIN_AID_LENGTH = 5;
const MAX_AID_LENGTH = 16;

/** FCI template: 6F { 84 DF name }. */
function applicationFci(): Buffer {
  return encodeTlv(constructed(0x6f, [primitive(0x84, BITAQA_AID)]));
}

/** FCP template: 62 { 80 size, 82 transparent EF, 83 file id }. */
function fileFcp(file: FileDefinition): Buffer {
  const size = Buffer.alloc(2);
  size.writeUInt16BE(file.size);
  const id = Buffer.alloc(2);
  id.writeUInt16BE(file.id);

  return encodeTlv(
    constructed(0x62, [
      primitive(0x80, size),
      primitive(0x82, Buffer.from([0x01])),
      primitive(0x83, id),
    ]),
  );
}

function selectApplication(context: CommandContext, command: CommandApdu): ResponseApdu {
  if (command.p2 !== SelectP2.FCI && command.p2 !== SelectP2.NO_RESPONSE_DATA) {
    return responseApdu(StatusWord.INCORRECT_P1P2);
  }

  if (command.data.length < MIN_AID_LENGTH || command.data.length > MAX_AID_LENGTH) {
    return responseApdu(StatusWord.WRONG_LENGTH);
  }

  if (!command.data.equals(BITAQA_AID)) {
    return responseApdu(StatusWord.FILE_NOT_FOUND);
  }

  context.session.applicationSelected = true;
  context.session.currentFile = null;
  if (command.p2 === SelectP2.NO_RESPONSE_DATA) {
    return responseApdu(StatusWord.SUCCESS);
  }

  return shapeDataResponse(context.session, command, applicationFci());
}

function selectElementaryFile(context: CommandContext, command: CommandApdu): ResponseApdu {
  if (command.p2 !== SelectP2.FCP && command.p2 !== SelectP2.NO_RESPONSE_DATA) {
    return responseApdu(StatusWord.INCORRECT_P1P2);
  }

  if (command.data.length !== 2) {
    return responseApdu(StatusWord.WRONG_LENGTH);
  }

  const file = context.session.applicationSelected
    ? findFile(command.data.readUInt16BE(0))
    : undefined;
  if (file === undefined) {
    return responseApdu(StatusWord.FILE_NOT_FOUND);
  }

  context.session.currentFile = file;
  if (command.p2 === SelectP2.NO_RESPONSE_DATA) {
    return responseApdu(StatusWord.SUCCESS);
  }

  return shapeDataResponse(context.session, command, fileFcp(file));
}

/**
 * SELECT (00 A4): by DF name (P1 04) selects the application, by file id (P1 02) selects an
 * elementary file of the selected application. A failed selection keeps the current one.
 */
export function select(context: CommandContext, command: CommandApdu): ResponseApdu {
  switch (command.p1) {
    case SelectP1.DF_NAME:
      return selectApplication(context, command);
    case SelectP1.EF_UNDER_CURRENT_DF:
      return selectElementaryFile(context, command);
    default:
      return responseApdu(StatusWord.INCORRECT_P1P2);
  }
}
