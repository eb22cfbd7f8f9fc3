import { DEFAULT_VPCD_PORT } from '../../src/reader/pcscd-process';

/** vpcd port of slot 0 in tests; VPCD_PORT overrides the default 35963. */
export function testVpcdPort(): number {
  return Number(process.env['VPCD_PORT'] ?? DEFAULT_VPCD_PORT);
}
