import { CommandApdu } from '../apdu/command-apdu';
import { ResponseApdu } from '../apdu/response-apdu';

/**
 * Anything that carries command APDUs to a card and returns its responses: a PC/SC connection
 * in production, or the card application itself in unit tests.
 */
export interface CardTransport {
  transmit(command: CommandApdu): Promise<ResponseApdu>;
}
