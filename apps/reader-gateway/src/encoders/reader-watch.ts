import { EventEmitter } from 'node:events';

import { ReaderError } from '@bitaqa/card';
import { errorFields, type Logger } from '@bitaqa/observability';

/** Source of the reader names that pcscd lists; `PcscClient` in production. */
export interface ReaderDirectory {
  listReaders(): string[];
}

export interface ReaderWatchEvents {
  /** A watched reader is listed again, or for the first time. */
  present: [readerName: string];
  /** A watched reader left the list, or pcscd stopped responding. */
  absent: [readerName: string];
}

/**
 * Reads pcscd's reader list every `intervalMs` and reports when a watched reader appears or
 * disappears. A failed read (pcscd stopped) counts as every reader absent. The first read
 * happens in `start`, so callers know each reader's presence once it resolves.
 */
export class ReaderWatch extends EventEmitter<ReaderWatchEvents> {
  private readonly present = new Set<string>();
  private readonly lastSeen = new Map<string, Date>();
  private timer: NodeJS.Timeout | null = null;
  private listFailure: string | null = null;

  constructor(
    private readonly directory: ReaderDirectory,
    private readonly watched: readonly string[],
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {
    super();
  }

  isPresent(readerName: string): boolean {
    return this.present.has(readerName);
  }

  /** When the reader was last listed, or null when it never was. */
  lastSeenAt(readerName: string): Date | null {
    return this.lastSeen.get(readerName) ?? null;
  }

  start(): void {
    this.poll();
    this.timer ??= setInterval(() => this.poll(), this.intervalMs);
  }

  stop(): void {
    if (this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  /** Reads the list now, as the timer does. */
  poll(): void {
    const listed = this.listReaders();
    const now = new Date();
    for (const readerName of this.watched) {
      const isListed = listed.has(readerName);
      if (isListed) {
        this.lastSeen.set(readerName, now);
      }

      if (isListed !== this.present.has(readerName)) {
        this.update(readerName, isListed);
      }
    }
  }

  private update(readerName: string, isListed: boolean): void {
    if (isListed) {
      this.present.add(readerName);
      this.logger.info({ readerName }, 'encoder reader found');
      this.emit('present', readerName);
    } else {
      this.present.delete(readerName);
      this.logger.warn({ readerName }, 'encoder reader gone');
      this.emit('absent', readerName);
    }
  }

  private listReaders(): Set<string> {
    try {
      const names = new Set(this.directory.listReaders());
      this.listFailure = null;

      return names;
    } catch (error) {
      const code = error instanceof ReaderError ? error.code : 'PCSC_FAILED';
      if (code === 'READER_NOT_FOUND') {
        // pcsc-lite returns SCARD_E_NO_READERS_AVAILABLE when its list is empty.
        this.listFailure = null;

        return new Set();
      }

      // Logged once per failure streak, so a stopped pcscd does not flood the log.
      if (this.listFailure !== code) {
        this.logger.error({ code, err: errorFields(error) }, 'reading the reader list failed');
        this.listFailure = code;
      }

      return new Set();
    }
  }
}
