import {
  CardReadError,
  PcscClient,
  ReaderError,
  readCard,
  type CardContents,
  type PcscCardConnection,
} from '@bitaqa/card';
import { errorFields, type Logger } from '@bitaqa/observability';

import type { StationConfig } from '../config';

import {
  CardReadFailedError,
  type CardReadFailureCode,
  type CardReading,
  type StationCardReader,
} from './station-card-reader';

/** vpcd exposes one entry as two readers, `... 00` and `... 01`; the station uses the second. */
const SECOND_SLOT = / 01$/;

/** Time one APDU may take before the read fails. */
const TRANSMIT_TIMEOUT_MS = 5_000;

const READER_FAULTS = new Set([
  'DISCONNECTED',
  'PCSC_UNAVAILABLE',
  'READER_BUSY',
  'READER_NOT_FOUND',
]);

function failureOf(error: unknown, phase: 'read' | 'wait'): CardReadFailedError {
  if (error instanceof CardReadFailedError) return error;

  const message = error instanceof Error ? error.message : String(error);
  let code: CardReadFailureCode = 'CARD_UNREADABLE';

  if (error instanceof ReaderError && READER_FAULTS.has(error.code)) code = 'READER_UNAVAILABLE';
  if (error instanceof ReaderError && error.code === 'NO_CARD') code = 'CARD_NOT_PRESENT';
  if (error instanceof ReaderError && error.code === 'TIMEOUT' && phase === 'wait') {
    code = 'CARD_NOT_PRESENT';
  }

  const cause =
    error instanceof ReaderError || error instanceof CardReadError ? error.code : undefined;

  return new CardReadFailedError(code, message, cause ? { cause } : {}, { cause: error });
}

function toReading(contents: CardContents): CardReading {
  const { cardNumber, expiryDate, holder } = contents;

  if (contents.lifecycle !== 'personalized' || !cardNumber || !expiryDate || !holder) {
    throw new CardReadFailedError(
      'CARD_NOT_PERSONALIZED',
      `card ${contents.serial} is ${contents.lifecycle} and carries no card number`,
      { serial: contents.serial },
    );
  }

  return { cardNumber, expiryDate, holderNationalNumber: holder.nationalNumber };
}

/**
 * The station's reader through pcscd. Reads run one at a time, because a pump has one reader
 * and two sales must not read the same card for each other.
 */
export class PcscStationCardReader implements StationCardReader {
  private readonly client = new PcscClient({ transmitTimeoutMs: TRANSMIT_TIMEOUT_MS });
  private lastReaderName: string | undefined;
  private readonly shutdown = new AbortController();
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly configuredName: string | undefined,
    private readonly logger: Logger,
  ) {}

  read(timeoutMs: number): Promise<CardReading> {
    const run = this.tail.then(() => this.readOnce(timeoutMs));

    this.tail = run.catch(() => undefined);

    return run;
  }

  readerName(): string | undefined {
    return this.lastReaderName ?? this.configuredName;
  }

  async close(): Promise<void> {
    this.shutdown.abort();
    await this.tail;
  }

  private async readOnce(timeoutMs: number): Promise<CardReading> {
    const readerName = this.resolveReaderName();

    try {
      await this.client.waitForCard(readerName, { signal: this.shutdown.signal, timeoutMs });
    } catch (error) {
      throw failureOf(error, 'wait');
    }

    let connection: PcscCardConnection | undefined;

    try {
      connection = await this.client.connect(readerName);

      return toReading(await readCard(connection));
    } catch (error) {
      throw failureOf(error, 'read');
    } finally {
      this.disconnect(connection);
    }
  }

  private resolveReaderName(): string {
    let names: string[];

    try {
      names = this.client.listReaders();
    } catch (error) {
      throw failureOf(error, 'wait');
    }

    const name = this.configuredName ?? names.find((candidate) => SECOND_SLOT.test(candidate));

    if (!name || !names.includes(name)) {
      const wanted = this.configuredName ?? 'a reader whose name ends in 01';

      throw new CardReadFailedError(
        'READER_UNAVAILABLE',
        `station reader not found: wanted ${wanted}, found ${names.map((n) => `"${n}"`).join(', ') || 'none'}`,
        { readers: names },
      );
    }

    this.lastReaderName = name;

    return name;
  }

  private disconnect(connection: PcscCardConnection | undefined): void {
    try {
      connection?.disconnect('reset');
    } catch (error) {
      this.logger.warn(
        { err: errorFields(error), reader: this.lastReaderName },
        'card disconnect failed',
      );
    }
  }
}

export function createPcscCardReader(config: StationConfig, logger: Logger): StationCardReader {
  return new PcscStationCardReader(config.readerName, logger);
}
