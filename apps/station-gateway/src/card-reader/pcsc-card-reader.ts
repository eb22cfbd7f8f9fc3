import {
  ApduError,
  CardReadError,
  formatStatusWord,
  isChipOperational,
  PcscClient,
  ReaderError,
  readCard,
  readCardCertificate,
  signTransaction,
  type CardContents,
  type PcscCardConnection,
} from '@bitaqa/card';
import { errorFields, type Logger } from '@bitaqa/observability';

import type { StationConfig } from '../config';

import {
  CardReadFailedError,
  type CardReadFailureCode,
  type CardReading,
  type SignatureReading,
  type SignatureRequest,
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

type CardFacts = Pick<CardReading, 'cardNumber' | 'expiryDate' | 'holderNationalNumber'>;

function cardFacts(contents: CardContents): CardFacts {
  const { cardNumber, expiryDate, holder } = contents;

  if (!isChipOperational(contents.lifecycle) || !cardNumber || !expiryDate || !holder) {
    throw new CardReadFailedError(
      'CARD_NOT_PERSONALIZED',
      `card ${contents.serial} is ${contents.lifecycle}; a terminal may use only a personalized ` +
        'or activated card that carries a card number',
      { lifecycle: contents.lifecycle, serial: contents.serial },
    );
  }

  return { cardNumber, expiryDate, holderNationalNumber: holder.nationalNumber };
}

/**
 * Has the card sign the request. A status word other than 9000 goes into the reading, because
 * a card without a signing key or with an exhausted counter is refused, not unreadable. Reader
 * faults throw.
 */
async function signRequest(
  connection: PcscCardConnection,
  request: SignatureRequest,
): Promise<SignatureReading> {
  try {
    const { response } = await signTransaction(
      connection,
      request.challenge,
      request.transactionData,
    );

    return { response };
  } catch (error) {
    if (!(error instanceof ApduError)) throw error;

    const sw = error.details['sw'];

    return { statusWord: typeof sw === 'number' ? formatStatusWord(sw) : error.code };
  }
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

  read(timeoutMs: number, request: SignatureRequest): Promise<CardReading> {
    const run = this.tail.then(() => this.readOnce(timeoutMs, request));

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

  private async readOnce(timeoutMs: number, request: SignatureRequest): Promise<CardReading> {
    const readerName = this.resolveReaderName();

    try {
      await this.client.waitForCard(readerName, { signal: this.shutdown.signal, timeoutMs });
    } catch (error) {
      throw failureOf(error, 'wait');
    }

    let connection: PcscCardConnection | undefined;

    try {
      connection = await this.client.connect(readerName);

      const facts = cardFacts(await readCard(connection));
      const certificate = await readCardCertificate(connection);

      return { ...facts, certificate, signature: await signRequest(connection, request) };
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
