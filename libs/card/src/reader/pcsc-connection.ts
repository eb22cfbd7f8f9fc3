import * as pcsc from 'smartcard';

import { CommandApdu, encodeCommandApdu, SHORT_MAX_NE } from '../apdu/command-apdu';
import { decodeResponseApdu, ResponseApdu } from '../apdu/response-apdu';
import { CardTransport } from './card-transport';
import { ReaderError, toReaderError } from './reader-error';
import { transmitWithChaining } from './response-chaining';

/** How long a failed command waits for pcscd to report the card gone; its presence poll runs every 400 ms. */
const REMOVAL_CONFIRM_MS = 1000;

export type Disposition = 'leave' | 'reset' | 'unpower';

const DISPOSITIONS: Readonly<Record<Disposition, number>> = {
  leave: pcsc.SCARD_LEAVE_CARD,
  reset: pcsc.SCARD_RESET_CARD,
  unpower: pcsc.SCARD_UNPOWER_CARD,
};

/**
 * A PC/SC connection to the card in one reader. It owns its PC/SC context, so a blocking
 * status wait elsewhere never holds up its commands.
 */
export class PcscCardConnection implements CardTransport {
  private broken: ReaderError | null = null;
  private open = true;

  constructor(
    readonly readerName: string,
    private readonly context: pcsc.ContextInterface,
    private readonly card: pcsc.CardInterface,
    private readonly transmitTimeoutMs: number,
  ) {}

  get atr(): Buffer {
    return this.card.atr ?? Buffer.alloc(0);
  }

  /** Sends a command and returns the complete response, following 61xx and 6Cxx. */
  transmit(command: CommandApdu): Promise<ResponseApdu> {
    return transmitWithChaining((next) => this.transmitOnce(next), command);
  }

  /** Sends one command APDU as is and decodes the response. */
  async transmitOnce(command: CommandApdu): Promise<ResponseApdu> {
    this.assertUsable();
    const bytes = encodeCommandApdu(command);
    const maxRecvLength = Math.max(SHORT_MAX_NE, command.ne) + 2;
    let raw: Buffer;
    try {
      raw = await this.withTimeout(this.card.transmit(bytes, { maxRecvLength }));
    } catch (error) {
      throw this.fail(
        await this.explainTransmitError(toReaderError(error, 'transmit', this.readerName)),
      );
    }

    // The binding returns an empty buffer, not an error, when the card vanished mid-command.
    if (raw.length < 2) {
      throw this.fail(
        new ReaderError('CARD_REMOVED', `card left reader "${this.readerName}" during a command`, {
          readerName: this.readerName,
        }),
      );
    }

    return decodeResponseApdu(raw);
  }

  /**
   * Ends the connection; by default the card is powered off. A card already gone is not an
   * error here, because the connection is over either way.
   */
  disconnect(disposition: Disposition = 'unpower'): void {
    if (!this.open) {
      return;
    }

    this.open = false;
    try {
      this.card.disconnect(DISPOSITIONS[disposition]);
    } catch (error) {
      const readerError = toReaderError(error, 'disconnect', this.readerName);
      if (
        !['CARD_REMOVED', 'NO_CARD', 'PCSC_UNAVAILABLE', 'READER_NOT_FOUND'].includes(
          readerError.code,
        )
      ) {
        throw readerError;
      }
    } finally {
      this.context.close();
    }
  }

  /**
   * Until its presence poll notices a removal, pcscd fails a command to a card that has just
   * left with "Transaction failed". This waits for the poll, so the error says CARD_REMOVED.
   */
  private async explainTransmitError(error: ReaderError): Promise<ReaderError> {
    if (error.code !== 'TRANSMIT_FAILED' || !(await this.removalConfirmed(REMOVAL_CONFIRM_MS))) {
      return error;
    }

    return new ReaderError(
      'CARD_REMOVED',
      `card left reader "${this.readerName}" during a command`,
      { readerName: this.readerName },
      { cause: error },
    );
  }

  private async removalConfirmed(timeoutMs: number): Promise<boolean> {
    const context = new pcsc.Context();
    try {
      let known = pcsc.SCARD_STATE_UNAWARE;
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const readers = [
          { name: this.readerName, state: known },
        ] as unknown as pcsc.ReaderInterface[];
        const state = (
          await context.waitForChange(readers, Math.max(deadline - Date.now(), 1))
        )?.[0];
        if (state !== undefined && (state.state & pcsc.SCARD_STATE_EMPTY) !== 0) {
          return true;
        }

        known = state === undefined ? known : state.state & ~pcsc.SCARD_STATE_CHANGED;
      }

      return false;
    } catch {
      return false;
    } finally {
      context.close();
    }
  }

  private assertUsable(): void {
    if (!this.open) {
      throw new ReaderError('DISCONNECTED', `connection to reader "${this.readerName}" is closed`, {
        readerName: this.readerName,
      });
    }

    if (this.broken !== null) {
      throw this.broken;
    }
  }

  private fail(error: ReaderError): ReaderError {
    if (['CARD_REMOVED', 'TIMEOUT', 'PCSC_UNAVAILABLE', 'TRANSMIT_FAILED'].includes(error.code)) {
      this.broken = error;
    }

    return error;
  }

  private async withTimeout<T>(operation: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ReaderError(
              'TIMEOUT',
              `card in "${this.readerName}" did not answer within ${this.transmitTimeoutMs} ms`,
              { readerName: this.readerName },
            ),
          ),
        this.transmitTimeoutMs,
      );
    });

    try {
      return await Promise.race([operation, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
