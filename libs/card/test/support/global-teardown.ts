import { PcscdHandle } from '../../src/reader/pcscd-process';

export default async function globalTeardown(): Promise<void> {
  const globals = globalThis as { cardTestPcscd?: PcscdHandle; cardTestVpcdRelease?: () => void };
  await globals.cardTestPcscd?.stop();
  globals.cardTestVpcdRelease?.();
}
