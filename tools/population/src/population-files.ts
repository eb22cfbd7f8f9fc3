import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

import { generateFamilies, type PopulationOptions } from './generate-population';
import type { FamilyRecords, PopulationCounts } from './types';

/** Files written by `writePopulation`, in the order the feed posts them. */
export const POPULATION_FILES = {
  births: 'births.json',
  deaths: 'deaths.json',
  marriages: 'marriages.json',
  persons: 'persons.json',
} as const;

export const MANIFEST_FILE = 'manifest.json';

type RowKind = keyof typeof POPULATION_FILES;

/** A JSON array written one row per line as rows arrive, so memory stays flat. */
class JsonArrayFile {
  private readonly fd: number;
  private rows = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
    writeSync(this.fd, '[\n');
  }

  append(row: unknown): void {
    writeSync(this.fd, `${this.rows === 0 ? '' : ',\n'}${JSON.stringify(row)}`);
    this.rows += 1;
  }

  close(): number {
    writeSync(this.fd, this.rows === 0 ? ']\n' : '\n]\n');
    closeSync(this.fd);

    return this.rows;
  }
}

export interface WriteProgress {
  done: number;
  total: number;
}

/**
 * Generates a population into `dir`: persons.json, marriages.json, births.json, deaths.json
 * and manifest.json with the seed and counts. Returns the counts.
 */
export function writePopulation(
  dir: string,
  options: PopulationOptions,
  onProgress?: (progress: WriteProgress) => void,
): PopulationCounts {
  mkdirSync(dir, { recursive: true });

  const files = Object.fromEntries(
    Object.entries(POPULATION_FILES).map(([kind, name]) => [
      kind,
      new JsonArrayFile(join(dir, name)),
    ]),
  ) as Record<RowKind, JsonArrayFile>;
  let done = 0;

  for (const family of generateFamilies(options)) {
    for (const kind of Object.keys(POPULATION_FILES) as RowKind[]) {
      for (const row of family[kind] as FamilyRecords[RowKind]) files[kind].append(row);
    }
    done += 1;
    if (onProgress && (done % 1000 === 0 || done === options.families)) {
      onProgress({ done, total: options.families });
    }
  }

  const counts: PopulationCounts = {
    births: files.births.close(),
    deaths: files.deaths.close(),
    families: done,
    marriages: files.marriages.close(),
    persons: files.persons.close(),
  };
  const manifest = openSync(join(dir, MANIFEST_FILE), 'w');

  writeSync(manifest, `${JSON.stringify({ counts, seed: options.seed }, null, 2)}\n`);
  closeSync(manifest);

  return counts;
}
