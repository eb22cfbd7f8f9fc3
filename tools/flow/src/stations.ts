import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import type { TokenSource } from '@bitaqa/auth';

import { expectStatus, getOk } from './http-json';

/** Returns the station after `stationId` in its governorate: ST-SY01-001 -> ST-SY01-002. */
export function nextStationId(stationId: string): string {
  return stationId.replace(/\d+$/, (digits) =>
    String(Number(digits) + 1).padStart(digits.length, '0'),
  );
}

/**
 * Adds the station to fuel allocation as its operator unless it is there already (three per
 * governorate are seeded). The station's credential comes from the card authority; fuel
 * allocation only keeps the station's record.
 */
export async function ensureStation(
  fuelUrl: string,
  operator: TokenSource,
  stationId: string,
): Promise<void> {
  const stations = await getOk<{ stationId: string }[]>(`${fuelUrl}/stations`, operator);

  if (stations.some((station) => station.stationId === stationId)) return;

  // Station ids name their governorate, as in ST-SY04-002.
  const governorate = /SY(0[1-9]|1[0-4])/.exec(stationId)?.[0] ?? 'SY01';

  await expectStatus(201, 'POST', `${fuelUrl}/stations`, {
    auth: operator,
    body: { governorate, name: `Flow station ${stationId}`, stationId },
  });
}

/**
 * Writes the station's issuer certificates file (ISSUER_CERTIFICATES_FILE) with the card
 * authority's active issuer certificate from its public GET /keys/issuer-certificate, so the
 * station can check the certificates of the cards written in this run.
 */
export async function writeIssuerCertificates(authorityUrl: string, file: string): Promise<void> {
  const active = await getOk<Record<string, unknown>>(`${authorityUrl}/keys/issuer-certificate`);

  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ issuerCertificates: [active] }, null, 2)}\n`);
}
