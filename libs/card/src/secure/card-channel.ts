import { CommandApdu } from '../apdu/command-apdu';
import { responseApdu, ResponseApdu } from '../apdu/response-apdu';
import { StatusWord } from '../apdu/status-words';
import { Cla } from '../application/card-constants';
import { SessionState } from '../application/card-session';
import { SECURE_MAC_LENGTH, SECURE_MESSAGING_CLA_BIT } from './secure-constants';
import { commandMac, decryptCommandData, macMatches, responseMac } from './secure-messaging';

/** True for CLA 04 and 84, the two classes with the secure messaging bit this card accepts. */
export function isSecureMessagingCla(cla: number): boolean {
  const plain = cla & ~SECURE_MESSAGING_CLA_BIT;

  return cla !== plain && (plain === Cla.INTERINDUSTRY || plain === Cla.PROPRIETARY);
}

/** Closes the channel and returns a plain status word without a response MAC. */
function reject(session: SessionState, sw: number): ResponseApdu {
  session.security.channel = null;

  return responseApdu(sw);
}

/**
 * Unwraps a command sent through the secure channel, runs it with `dispatch` and MACs the
 * response. A missing channel gets 6982. A data field shorter than the MAC gets 6987 and a
 * wrong MAC or padding 6988, and both close the channel: a replayed or reordered command
 * fails because its MAC covers the previous command's MAC. Inner Ne is the outer Ne less the
 * 8 MAC bytes.
 */
export function processSecureCommand(
  session: SessionState,
  command: CommandApdu,
  dispatch: (inner: CommandApdu) => ResponseApdu,
): ResponseApdu {
  const chain = session.security.channel;
  if (chain === null) {
    return responseApdu(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
  }

  if (command.data.length < SECURE_MAC_LENGTH) {
    return reject(session, StatusWord.SECURE_MESSAGING_DATA_MISSING);
  }

  const encrypted = command.data.subarray(0, command.data.length - SECURE_MAC_LENGTH);
  const received = command.data.subarray(command.data.length - SECURE_MAC_LENGTH);
  const mac = commandMac(chain, command, encrypted);
  if (!macMatches(mac, received)) {
    return reject(session, StatusWord.SECURE_MESSAGING_DATA_INCORRECT);
  }

  chain.macChain = mac;
  chain.counter++;
  const data = decryptCommandData(chain, encrypted);
  if (data === null) {
    return reject(session, StatusWord.SECURE_MESSAGING_DATA_INCORRECT);
  }

  const inner: CommandApdu = {
    cla: command.cla & ~SECURE_MESSAGING_CLA_BIT,
    ins: command.ins,
    p1: command.p1,
    p2: command.p2,
    data,
    ne: Math.max(command.ne - SECURE_MAC_LENGTH, 0),
  };

  session.security.secured = true;
  let response: ResponseApdu;
  try {
    response = dispatch(inner);
  } finally {
    session.security.secured = false;
  }

  return responseApdu(
    response.sw,
    Buffer.concat([response.data, responseMac(chain, response.data, response.sw)]),
  );
}
