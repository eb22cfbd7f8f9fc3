import { CommandApdu, encodeCommandApdu } from '../apdu/command-apdu';
import { decodeResponseApdu, ResponseApdu } from '../apdu/response-apdu';
import { CardApplication } from '../application/card-application';
import { CardImage } from '../application/card-image';
import { CardTransport } from '../reader/card-transport';
import { ReaderError } from '../reader/reader-error';
import { transmitWithChaining } from '../reader/response-chaining';

/**
 * Drives a card application in process, through the same byte encoding as a reader, for unit
 * tests and tools that need no PC/SC stack. `removeAtApdu` makes the card vanish on that
 * 1-based command, as a reader reports a pulled card.
 */
export class LocalCardTransport implements CardTransport {
  readonly application: CardApplication;
  private count = 0;

  constructor(
    image: CardImage,
    private readonly options: { removeAtApdu?: number } = {},
  ) {
    this.application = new CardApplication(image);
  }

  get apduCount(): number {
    return this.count;
  }

  /** Sends a command and returns the complete response, following 61xx and 6Cxx. */
  transmit(command: CommandApdu): Promise<ResponseApdu> {
    return transmitWithChaining((next) => this.transmitOnce(next), command);
  }

  async transmitOnce(command: CommandApdu): Promise<ResponseApdu> {
    this.count++;
    if (this.options.removeAtApdu !== undefined && this.count >= this.options.removeAtApdu) {
      throw new ReaderError('CARD_REMOVED', 'card left the local transport during a command');
    }

    return decodeResponseApdu(this.application.processBytes(encodeCommandApdu(command)));
  }
}
