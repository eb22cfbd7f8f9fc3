import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/** Bytes at the start of a file that go into its fingerprint. */
const FINGERPRINT_BYTES = 64 * 1024;

export interface FileInfo {
  /** SHA-256 of the size and the first 64 KiB, in hex. */
  fingerprint: string;
  /** First line of the file (the CSV header), without its line break. */
  firstLine: string | undefined;
  sizeBytes: number;
}

/**
 * Reads a file's size, fingerprint and first line. A job stores the fingerprint and resumes only
 * when it still matches, because a committed byte offset means nothing in a changed file. An
 * edit past the first 64 KiB that keeps the size is not detected.
 */
export async function readFileInfo(path: string): Promise<FileInfo> {
  const handle = await open(path, 'r');

  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, FINGERPRINT_BYTES));

    await handle.read(head, 0, head.length, 0);

    const fingerprint = createHash('sha256').update(String(size)).update(head).digest('hex');
    const lineFeed = head.indexOf(0x0a);
    const firstBytes = lineFeed < 0 ? head : head.subarray(0, lineFeed);
    const firstLine =
      size === 0
        ? undefined
        : firstBytes
            .toString('utf8')
            .replace(/\r$/, '')
            .replace(/^\ufeff/, '');

    return { fingerprint, firstLine, sizeBytes: size };
  } finally {
    await handle.close();
  }
}
