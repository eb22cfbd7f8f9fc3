import { CommandApdu } from '../apdu/command-apdu';
import { responseApdu, ResponseApdu } from '../apdu/response-apdu';
import { StatusWord, SW1_BYTES_REMAINING, SW1_WRONG_LE } from '../apdu/status-words';
import { SessionState } from './card-session';

/** Largest chunk announced by one 61xx status: SW2 00 stands for 256. */
const MAX_CHUNK = 256;

/**
 * Returns response data within the command's Ne. All data goes out when it fits. When Ne is
 * too small for a response of at most 256 bytes, the card returns 6Cxx with the exact length.
 * Without Le, or for a longer response, the rest waits for GET RESPONSE behind 61xx.
 */
export function shapeDataResponse(
  session: SessionState,
  command: CommandApdu,
  data: Buffer,
  sw: number = StatusWord.SUCCESS,
): ResponseApdu {
  if (data.length === 0) {
    return responseApdu(sw);
  }

  if (command.ne === 0) {
    session.pendingResponse = data;

    return responseApdu((SW1_BYTES_REMAINING << 8) | (Math.min(data.length, MAX_CHUNK) & 0xff));
  }

  if (data.length <= command.ne) {
    return responseApdu(sw, data);
  }

  if (data.length <= MAX_CHUNK) {
    return responseApdu((SW1_WRONG_LE << 8) | (data.length & 0xff));
  }

  const rest = data.subarray(command.ne);
  session.pendingResponse = rest;

  return responseApdu(
    (SW1_BYTES_REMAINING << 8) | (Math.min(rest.length, MAX_CHUNK) & 0xff),
    data.subarray(0, command.ne),
  );
}

/** GET RESPONSE (00 C0 00 00 Le): hands out data kept by a previous 61xx status. */
export function getResponse(session: SessionState, command: CommandApdu): ResponseApdu {
  const pending = session.pendingResponse;
  session.pendingResponse = null;
  if (pending === null) {
    return responseApdu(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
  }

  if (command.p1 !== 0 || command.p2 !== 0) {
    return responseApdu(StatusWord.INCORRECT_P1P2);
  }

  if (command.ne === 0) {
    return responseApdu(StatusWord.WRONG_LENGTH);
  }

  const chunk = pending.subarray(0, command.ne);
  const rest = pending.subarray(chunk.length);
  if (rest.length === 0) {
    return responseApdu(StatusWord.SUCCESS, chunk);
  }

  session.pendingResponse = rest;

  return responseApdu(
    (SW1_BYTES_REMAINING << 8) | (Math.min(rest.length, MAX_CHUNK) & 0xff),
    chunk,
  );
}
