import { rmSync } from 'node:fs';

import { dropDatabase, withDatabaseName } from '@bitaqa/db';
import { createPrefixedTopics, deletePrefixedTopics, type ServiceAddresses } from '@bitaqa/testing';

import { APPS } from './app-catalogue';

/**
 * Starts the demo clean: drops every app database (each app recreates and migrates its own at
 * start), deletes and recreates the catalogue topics, and removes the station's SQLite cache.
 */
export async function resetPlatformState(
  services: ServiceAddresses,
  stationDir: string,
): Promise<void> {
  for (const spec of Object.values(APPS)) {
    if (spec.database) await dropDatabase(withDatabaseName(services.postgresUrl, spec.database));
  }

  await deletePrefixedTopics('').catch(() => undefined);
  // Kafka deletes topics in the background; creating them again retries until it has.
  await createPrefixedTopics('');
  rmSync(stationDir, { force: true, recursive: true });
}
