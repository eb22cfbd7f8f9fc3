import { PcscdHandle } from '../../src/reader/pcscd-process';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { cardTestPcscd?: PcscdHandle }).cardTestPcscd?.stop();
}
