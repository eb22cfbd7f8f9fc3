// Jest loads global setup files without its module name mapper, so the @bitaqa/testing alias
// does not resolve here.
// eslint-disable-next-line @nx/enforce-module-boundaries
import presetGlobalSetup from '../../../testing/src/global-setup';
import { createSoftHsmDirectory } from '../../src/softhsm';

/**
 * Runs the shared global setup, then points SOFTHSM2_CONF at a fresh SoftHSM2 token directory.
 * It must be set here, in the real process environment, because test files see a copy of it and
 * the SoftHSM library reads the variable with getenv(3).
 */
export default async function globalSetup(): Promise<void> {
  await presetGlobalSetup();

  const { configPath, directory } = await createSoftHsmDirectory();

  process.env.SOFTHSM2_CONF = configPath;
  process.env.BITAQA_SOFTHSM_DIRECTORY = directory;
}
