import * as pcsc from 'smartcard';

import { PcscCardConnection } from './pcsc-connection';
import { ReaderError, toReaderError } from './reader-error';

export interface PcscClientOptions {
  /** Time one command may take before the connection fails with TIMEOUT. */
  transmitTimeoutMs?: number;
}

export interface WaitForCardOptions {
  timeoutMs: number;
  /** Aborts the wait with DISCONNECTED, for shutdown. */
  signal?: AbortSignal;
}

/** vpcd reader names are the FRIENDLYNAME of reader.conf, the reader number and the slot. */
export function vpcdReaderName(slot: 0 | 1, friendlyName = 'Virtual PCD'): string {
  return `${friendlyName} 00 0${slot}`;
}

/** Maximum duration of one status wait, kept short so an abort or a vanished reader ends the loop. */
const STATUS_WAIT_SLICE_MS = 500;

/** Connect failures that mean the card changed under us; waiting for a card again fixes them. */
const TRANSIENT_CONNECT_ERRORS: ReadonlySet<string> = new Set([
  'NO_CARD',
  'CARD_REMOVED',
  'CARD_RESET',
  'CARD_UNRESPONSIVE',
]);

const CONNECT_RETRY_DELAY_MS = 50;

/** SCARD_STATE_CHANGED, cleared before a state is handed back as the "known" state. */
const STATE_CHANGED = pcsc.SCARD_STATE_CHANGED;

/**
 * PC/SC client for encoders and stations. Each operation opens its own PC/SC context, because
 * pcsc-lite serializes calls on one context and a status wait would hold up commands.
 */
export class PcscClient {
  private readonly transmitTimeoutMs: number;

  constructor(options: PcscClientOptions = {}) {
    this.transmitTimeoutMs = options.transmitTimeoutMs ?? 10000;
  }

  listReaders(): string[] {
    return this.withContext('list readers', undefined, (context) =>
      context.listReaders().map((reader) => reader.name),
    );
  }

  /** Returns true when a card sits in the named reader. */
  isCardPresent(readerName: string): boolean {
    return this.withContext('read reader state', readerName, (context) => {
      const reader = findReader(context, readerName);

      return (
        (reader.state & pcsc.SCARD_STATE_PRESENT) !== 0 &&
        (reader.state & pcsc.SCARD_STATE_MUTE) === 0
      );
    });
  }

  /** Waits until a powered, responsive card is in the named reader and returns its ATR. */
  async waitForCard(readerName: string, options: WaitForCardOptions): Promise<{ atr: Buffer }> {
    const context = this.openContext('wait for a card', readerName);
    try {
      return await waitForPresence(context, readerName, options);
    } finally {
      context.close();
    }
  }

  /** Connects to the card in the named reader, shared with other PC/SC clients by default. */
  async connect(
    readerName: string,
    options: { exclusive?: boolean } = {},
  ): Promise<PcscCardConnection> {
    const context = this.openContext('connect', readerName);
    try {
      const reader = findReader(context, readerName);
      const shareMode =
        options.exclusive === true ? pcsc.SCARD_SHARE_EXCLUSIVE : pcsc.SCARD_SHARE_SHARED;
      const card = await reader.connect(shareMode, pcsc.SCARD_PROTOCOL_T0 | pcsc.SCARD_PROTOCOL_T1);

      return new PcscCardConnection(readerName, context, card, this.transmitTimeoutMs);
    } catch (error) {
      context.close();
      throw toReaderError(error, 'connect', readerName);
    }
  }

  /**
   * Waits for a card and connects to it. When the card leaves between the two steps, as it
   * can during a card feeder's swap, the wait starts again until `timeoutMs` runs out.
   */
  async connectWhenPresent(
    readerName: string,
    options: WaitForCardOptions,
  ): Promise<PcscCardConnection> {
    const deadline = Date.now() + options.timeoutMs;
    for (;;) {
      const remaining = Math.max(deadline - Date.now(), 0);
      await this.waitForCard(readerName, { ...options, timeoutMs: remaining });
      try {
        return await this.connect(readerName);
      } catch (error) {
        if (
          !(error instanceof ReaderError) ||
          !TRANSIENT_CONNECT_ERRORS.has(error.code) ||
          Date.now() >= deadline
        ) {
          throw error;
        }

        await new Promise((resolve) => setTimeout(resolve, CONNECT_RETRY_DELAY_MS));
      }
    }
  }

  private openContext(operation: string, readerName: string | undefined): pcsc.ContextInterface {
    try {
      return new pcsc.Context();
    } catch (error) {
      throw toReaderError(error, operation, readerName);
    }
  }

  private withContext<T>(
    operation: string,
    readerName: string | undefined,
    action: (context: pcsc.ContextInterface) => T,
  ): T {
    const context = this.openContext(operation, readerName);
    try {
      return action(context);
    } catch (error) {
      throw toReaderError(error, operation, readerName);
    } finally {
      context.close();
    }
  }
}

function findReader(context: pcsc.ContextInterface, readerName: string): pcsc.ReaderInterface {
  const readers = context.listReaders();
  const reader = readers.find((candidate) => candidate.name === readerName);
  if (reader === undefined) {
    const names = readers.map((candidate) => `"${candidate.name}"`).join(', ') || 'none';
    throw new ReaderError(
      'READER_NOT_FOUND',
      `reader "${readerName}" not found; readers present: ${names}`,
      {
        readerName,
      },
    );
  }

  return reader;
}

function isUsableCard(state: number): boolean {
  return (state & pcsc.SCARD_STATE_PRESENT) !== 0 && (state & pcsc.SCARD_STATE_MUTE) === 0;
}

async function waitForPresence(
  context: pcsc.ContextInterface,
  readerName: string,
  options: WaitForCardOptions,
): Promise<{ atr: Buffer }> {
  const deadline = Date.now() + options.timeoutMs;
  let known = pcsc.SCARD_STATE_UNAWARE;
  for (;;) {
    if (options.signal?.aborted === true) {
      throw new ReaderError('DISCONNECTED', `wait for a card in "${readerName}" was aborted`, {
        readerName,
      });
    }

    const remaining = deadline - Date.now();
    if (remaining <= 0 && known !== pcsc.SCARD_STATE_UNAWARE) {
      throw new ReaderError(
        'TIMEOUT',
        `no card in reader "${readerName}" within ${options.timeoutMs} ms`,
        { readerName },
      );
    }

    const changes = await waitForChange(
      context,
      readerName,
      known,
      Math.max(Math.min(remaining, STATUS_WAIT_SLICE_MS), 0),
    );
    const state = changes?.[0];
    if (state === undefined) {
      continue;
    }

    if ((state.state & (pcsc.SCARD_STATE_UNKNOWN | pcsc.SCARD_STATE_UNAVAILABLE)) !== 0) {
      throw new ReaderError('READER_NOT_FOUND', `reader "${readerName}" not found or unavailable`, {
        readerName,
      });
    }

    if (isUsableCard(state.state) && state.atr !== null) {
      return { atr: state.atr };
    }

    known = state.state & ~STATE_CHANGED;
  }
}

async function waitForChange(
  context: pcsc.ContextInterface,
  readerName: string,
  known: number,
  timeoutMs: number,
): Promise<pcsc.ReaderState[] | null> {
  try {
    // The binding reads `name` and `state` from plain objects as well as from Reader objects.
    const readers = [{ name: readerName, state: known }] as unknown as pcsc.ReaderInterface[];

    return await context.waitForChange(readers, timeoutMs);
  } catch (error) {
    throw toReaderError(error, 'wait for a card', readerName);
  }
}
