import { CommandApdu, SHORT_MAX_NE } from '../apdu/command-apdu';
import { ResponseApdu } from '../apdu/response-apdu';
import { SW1_BYTES_REMAINING, SW1_WRONG_LE } from '../apdu/status-words';
import { CardCommands } from '../application/card-commands';
import { ReaderError } from './reader-error';

/** Upper bound on GET RESPONSE rounds, so a card that keeps answering 61xx cannot loop us. */
const MAX_GET_RESPONSE_ROUNDS = 256;

/**
 * Sends a command and returns the complete response: 6Cxx repeats the command once with the
 * Le the card asked for, and 61xx is followed by GET RESPONSE until all data is in.
 */
export async function transmitWithChaining(
  sendOnce: (command: CommandApdu) => Promise<ResponseApdu>,
  command: CommandApdu,
): Promise<ResponseApdu> {
  let response = await sendOnce(command);
  if (response.sw >> 8 === SW1_WRONG_LE) {
    response = await sendOnce({ ...command, ne: response.sw & 0xff || SHORT_MAX_NE });
  }

  const chunks = [response.data];
  for (let round = 0; response.sw >> 8 === SW1_BYTES_REMAINING; round++) {
    if (round === MAX_GET_RESPONSE_ROUNDS) {
      throw new ReaderError('CARD_UNRESPONSIVE', `card answered 61xx ${round} times in a row`);
    }

    response = await sendOnce(CardCommands.getResponse(response.sw & 0xff || SHORT_MAX_NE));
    chunks.push(response.data);
  }

  return { data: Buffer.concat(chunks), sw: response.sw };
}
