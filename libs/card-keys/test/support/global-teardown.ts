import { rm } from 'node:fs/promises';

/** Removes the SoftHSM2 token directory of the global setup with every token in it. */
export default async function globalTeardown(): Promise<void> {
  const directory = process.env.BITAQA_SOFTHSM_DIRECTORY;

  if (directory) {
    await rm(directory, { force: true, recursive: true });
  }
}
