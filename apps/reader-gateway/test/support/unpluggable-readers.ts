import { PcscClient } from '@bitaqa/card';

import type { ReaderDirectory } from '../../src/encoders/reader-watch';

/**
 * pcscd's real reader list with chosen readers left out. pcsc-lite 1.9 reads vpcd's reader
 * entry from reader.conf only at start, and re-reading it on SIGUSR1 adds readers but never
 * removes one. Only one pcscd runs per machine and it is shared, so a test cannot make a vpcd
 * reader vanish. Tests unplug a reader here and close its emulator's vpcd connection, which
 * takes the card out for real.
 */
export class UnpluggableReaders implements ReaderDirectory {
  private readonly unplugged = new Set<string>();
  private readonly pcsc = new PcscClient();

  listReaders(): string[] {
    return this.pcsc.listReaders().filter((name) => !this.unplugged.has(name));
  }

  unplug(readerName: string): void {
    this.unplugged.add(readerName);
  }

  plugIn(readerName: string): void {
    this.unplugged.delete(readerName);
  }
}
