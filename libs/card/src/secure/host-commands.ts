import { commandApdu, CommandApdu, SHORT_MAX_NE } from '../apdu/command-apdu';
import { Cla } from '../application/card-constants';
import { SecurityIns } from './secure-constants';

/** Command APDUs of the security commands, as a host sends them. */
export const SecurityCommands = {
  /** MUTUAL AUTHENTICATE (00 82 00 00 12 key version || RND.H || host cryptogram 00). */
  mutualAuthenticate(
    keyVersion: number,
    hostChallenge: Buffer,
    hostCryptogram: Buffer,
  ): CommandApdu {
    const version = Buffer.alloc(2);
    version.writeUInt16BE(keyVersion);

    return commandApdu({
      cla: Cla.INTERINDUSTRY,
      ins: SecurityIns.MUTUAL_AUTHENTICATE,
      p1: 0,
      p2: 0,
      data: Buffer.concat([version, hostChallenge, hostCryptogram]),
      ne: SHORT_MAX_NE,
    });
  },

  /** INTERNAL AUTHENTICATE (00 88 00 00 Lc challenge || transaction data 00). */
  internalAuthenticate(challenge: Buffer, transactionData: Buffer): CommandApdu {
    return commandApdu({
      cla: Cla.INTERINDUSTRY,
      ins: SecurityIns.INTERNAL_AUTHENTICATE,
      p1: 0,
      p2: 0,
      data: Buffer.concat([challenge, transactionData]),
      ne: SHORT_MAX_NE,
    });
  },
};
