import { commandApdu, CommandApdu, SHORT_MAX_NE } from '../apdu/command-apdu';
import {
  BITAQA_AID,
  CHALLENGE_LENGTH,
  Cla,
  DataObjectTag,
  Ins,
  SelectP1,
  SelectP2,
} from './card-constants';

/** Command APDUs a terminal sends to the Bitaqa application. */
export const CardCommands = {
  /** SELECT by DF name with the FCI requested (00 A4 04 00 08 AID 00). */
  selectApplication(): CommandApdu {
    return commandApdu({
      cla: Cla.INTERINDUSTRY,
      ins: Ins.SELECT,
      p1: SelectP1.DF_NAME,
      p2: SelectP2.FCI,
      data: BITAQA_AID,
      ne: SHORT_MAX_NE,
    });
  },

  /** SELECT EF by file id without response data (00 A4 02 0C 02 id). */
  selectFile(fileId: number): CommandApdu {
    const data = Buffer.alloc(2);
    data.writeUInt16BE(fileId);

    return commandApdu({
      cla: Cla.INTERINDUSTRY,
      ins: Ins.SELECT,
      p1: SelectP1.EF_UNDER_CURRENT_DF,
      p2: SelectP2.NO_RESPONSE_DATA,
      data,
    });
  },

  /** READ BINARY of `length` bytes (1 to 65536) at `offset` in the current EF. */
  readBinary(offset: number, length: number): CommandApdu {
    return commandApdu({
      cla: Cla.INTERINDUSTRY,
      ins: Ins.READ_BINARY,
      p1: offset >> 8,
      p2: offset & 0xff,
      ne: length,
    });
  },

  /** UPDATE BINARY of `data` at `offset` in the current EF. */
  updateBinary(offset: number, data: Buffer): CommandApdu {
    return commandApdu({
      cla: Cla.INTERINDUSTRY,
      ins: Ins.UPDATE_BINARY,
      p1: offset >> 8,
      p2: offset & 0xff,
      data,
    });
  },

  getChallenge(): CommandApdu {
    return commandApdu({
      cla: Cla.INTERINDUSTRY,
      ins: Ins.GET_CHALLENGE,
      p1: 0,
      p2: 0,
      ne: CHALLENGE_LENGTH,
    });
  },

  getResponse(length: number): CommandApdu {
    return commandApdu({ cla: Cla.INTERINDUSTRY, ins: Ins.GET_RESPONSE, p1: 0, p2: 0, ne: length });
  },

  /** GET DATA for one of the data objects in `DataObjectTag`. */
  getData(tag: (typeof DataObjectTag)[keyof typeof DataObjectTag]): CommandApdu {
    return commandApdu({
      cla: Cla.PROPRIETARY,
      ins: Ins.GET_DATA,
      p1: tag >> 8,
      p2: tag & 0xff,
      ne: SHORT_MAX_NE,
    });
  },

  finalizePersonalization(): CommandApdu {
    return commandApdu({ cla: Cla.PROPRIETARY, ins: Ins.FINALIZE_PERSONALIZATION, p1: 0, p2: 0 });
  },

  /** ACTIVATE FILE on the selected application (00 44 00 00). */
  activate(): CommandApdu {
    return commandApdu({ cla: Cla.INTERINDUSTRY, ins: Ins.ACTIVATE_FILE, p1: 0, p2: 0 });
  },

  /** DEACTIVATE FILE on the selected application (00 04 00 00). */
  deactivate(): CommandApdu {
    return commandApdu({ cla: Cla.INTERINDUSTRY, ins: Ins.DEACTIVATE_FILE, p1: 0, p2: 0 });
  },

  /** TERMINATE CARD USAGE (00 FE 00 00); the card never leaves `terminated` again. */
  terminate(): CommandApdu {
    return commandApdu({ cla: Cla.INTERINDUSTRY, ins: Ins.TERMINATE_CARD_USAGE, p1: 0, p2: 0 });
  },
};
