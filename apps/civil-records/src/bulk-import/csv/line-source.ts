import { createReadStream } from 'node:fs';

/** One physical line of a file, without its line break. */
export interface SourceLine {
  /** Byte offset just past the line break, where the next line starts. */
  endOffset: number;
  /** 1-based line number in the file. */
  number: number;
  text: string;
  /** Set when the line was longer than `MAX_LINE_BYTES`; `text` is then empty. */
  tooLong?: boolean;
}

/** Longest line accepted; a longer one is reported as malformed and skipped. */
export const MAX_LINE_BYTES = 64 * 1024;

const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const READ_CHUNK_BYTES = 1024 * 1024;
const UTF8_BOM = '\ufeff';

/**
 * Reads a file line by line from a byte offset without loading it whole. Lines end at LF or
 * CRLF; a LF byte never occurs inside a UTF-8 multi-byte character, so splitting the bytes is
 * safe. Lines are buffered a chunk at a time, so `next` awaits only when a chunk runs out.
 */
export class LineSource {
  private readonly chunks: AsyncIterator<Buffer>;
  private readonly ready: SourceLine[] = [];
  private readIndex = 0;
  private leftover: Buffer = Buffer.alloc(0);
  private leftoverStart: number;
  private nextNumber: number;
  private skippingLongLine = false;
  private ended = false;

  /**
   * @param startOffset byte where reading starts, which must be the start of a line
   * @param firstLineNumber number of the line that starts at `startOffset`
   */
  constructor(path: string, startOffset = 0, firstLineNumber = 1) {
    const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES, start: startOffset });

    this.chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    this.leftoverStart = startOffset;
    this.nextNumber = firstLineNumber;
  }

  /** Returns the next line, or undefined at the end of the file. */
  async next(): Promise<SourceLine | undefined> {
    const line = await this.peek();

    if (line) this.readIndex += 1;

    return line;
  }

  /** Returns the next line without consuming it. */
  async peek(): Promise<SourceLine | undefined> {
    while (this.readIndex >= this.ready.length && !this.ended) await this.fill();

    return this.ready[this.readIndex];
  }

  /** Closes the file early; a source read to its end closes by itself. */
  async close(): Promise<void> {
    await this.chunks.return?.();
  }

  private async fill(): Promise<void> {
    this.ready.length = 0;
    this.readIndex = 0;

    const chunk = await this.chunks.next();

    if (chunk.done) {
      this.finish();

      return;
    }

    const bytes =
      this.leftover.length > 0 ? Buffer.concat([this.leftover, chunk.value]) : chunk.value;
    let lineStart = 0;
    let lineFeed = bytes.indexOf(LINE_FEED);

    while (lineFeed >= 0) {
      this.emit(bytes, lineStart, lineFeed, this.leftoverStart + lineFeed + 1);
      lineStart = lineFeed + 1;
      lineFeed = bytes.indexOf(LINE_FEED, lineStart);
    }

    this.leftoverStart += lineStart;
    this.leftover = bytes.subarray(lineStart);
    if (this.leftover.length > MAX_LINE_BYTES) {
      // Keep only the position: the rest of this line is dropped up to its line feed.
      this.skippingLongLine = true;
      this.leftoverStart += this.leftover.length;
      this.leftover = Buffer.alloc(0);
    }
  }

  /** Emits the last line when the file does not end with a line break. */
  private finish(): void {
    this.ended = true;
    if (this.leftover.length > 0 || this.skippingLongLine) {
      this.emit(this.leftover, 0, this.leftover.length, this.leftoverStart + this.leftover.length);
    }
    this.leftover = Buffer.alloc(0);
  }

  private emit(bytes: Buffer, start: number, end: number, endOffset: number): void {
    const number = this.nextNumber;

    this.nextNumber += 1;
    if (this.skippingLongLine || end - start > MAX_LINE_BYTES) {
      this.skippingLongLine = false;
      this.ready.push({ endOffset, number, text: '', tooLong: true });

      return;
    }

    const contentEnd = end > start && bytes[end - 1] === CARRIAGE_RETURN ? end - 1 : end;
    let text = bytes.toString('utf8', start, contentEnd);

    if (number === 1 && text.startsWith(UTF8_BOM)) text = text.slice(1);
    this.ready.push({ endOffset, number, text });
  }
}
