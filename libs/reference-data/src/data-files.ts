import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { z } from 'zod';

/** Folder holding the reference data files, shipped inside the repository. */
export const DATA_DIR = join(__dirname, '..', 'data');

/** Reads a JSON file from the data folder and checks it against `schema`. */
export function readDataFile<Schema extends z.ZodType>(
  fileName: string,
  schema: Schema,
): z.infer<Schema> {
  const text = readFileSync(join(DATA_DIR, fileName), 'utf8');
  const parsed = schema.safeParse(JSON.parse(text));

  if (!parsed.success) {
    throw new Error(`reference data file ${fileName} is invalid: ${parsed.error.message}`);
  }

  return parsed.data;
}

/** Runs `load` once and returns the same result on every later call. */
export function once<T>(load: () => T): () => T {
  let value: { loaded: T } | undefined;

  return () => {
    value ??= { loaded: load() };

    return value.loaded;
  };
}
