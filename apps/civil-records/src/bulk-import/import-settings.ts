import { resolve } from 'node:path';

/** Injection token of the `BulkImportSettings` object. */
export const BULK_IMPORT_SETTINGS = Symbol('BULK_IMPORT_SETTINGS');

export interface BulkImportSettings {
  /** Folder that `POST /imports` reads files from; paths outside it are rejected. */
  importDir: string;
}

/**
 * Reads the settings of HTTP imports from the environment: `BULK_IMPORT_DIR`, by default
 * `.bitaqa/imports` under the working directory. Confining requests to one folder keeps an
 * API caller from having the service read any file it can open and echo it in a reject report.
 */
export function loadBulkImportSettings(env: NodeJS.ProcessEnv = process.env): BulkImportSettings {
  const dir = env.BULK_IMPORT_DIR?.trim();

  return { importDir: resolve(dir ? dir : '.bitaqa/imports') };
}
