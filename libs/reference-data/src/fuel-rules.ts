import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DATA_DIR } from './data-files';

/**
 * Path of the dated digest of Syrian fuel-card quotas, intervals and prices (2019-2023) as
 * reported in public news, one row per report with its source address.
 */
export const FUEL_RULES_PATH = join(DATA_DIR, 'syria-fuel-rules.md');

/** Reads the fuel rules digest as Markdown text. */
export function readFuelRules(): string {
  return readFileSync(FUEL_RULES_PATH, 'utf8');
}
