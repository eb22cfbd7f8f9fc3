import { ensurePcscd } from '../../src/reader/pcscd-process';
import { testVpcdPort } from './vpcd-port';

/** Starts pcscd with vpcd for the integration tests unless one already serves the port. */
export default async function globalSetup(): Promise<void> {
  const pcscd = await ensurePcscd({ port: testVpcdPort() });
  (globalThis as { cardTestPcscd?: typeof pcscd }).cardTestPcscd = pcscd;
}
