import { ensurePcscd } from '../../src/reader/pcscd-process';
import { acquireVpcdLock } from '../../src/reader/vpcd-lock';
import { testVpcdPort } from './vpcd-port';

interface CardTestGlobals {
  cardTestPcscd?: Awaited<ReturnType<typeof ensurePcscd>>;
  cardTestVpcdRelease?: () => void;
}

/**
 * Takes the vpcd lock, so no other test run uses the slots meanwhile, then starts pcscd with
 * vpcd unless one already serves the port.
 */
export default async function globalSetup(): Promise<void> {
  const globals = globalThis as CardTestGlobals;
  globals.cardTestVpcdRelease = await acquireVpcdLock();
  globals.cardTestPcscd = await ensurePcscd({ port: testVpcdPort() });
}
