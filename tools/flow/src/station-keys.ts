import { postJson } from './http-json';

/**
 * Registers a station with fuel-allocation when it is not known yet and returns a new key for
 * it. Issuing a key replaces the station's earlier key, so each station's key is issued once
 * per run and handed to whoever redeems for it.
 */
export async function issueStationKey(fuelUrl: string, stationId: string): Promise<string> {
  const issued = await postJson<{ stationKey?: string }>(
    `${fuelUrl}/stations/${stationId}/keys`,
    {},
  );

  if (issued.status === 201 && issued.body.stationKey) return issued.body.stationKey;
  if (issued.status !== 404) {
    throw new Error(
      `station ${stationId} key: HTTP ${issued.status} ${JSON.stringify(issued.body)}`,
    );
  }

  // Station ids name their governorate, as in ST-SY04-002.
  const governorate = /SY(0[1-9]|1[0-4])/.exec(stationId)?.[0] ?? 'SY01';
  const created = await postJson<{ stationKey?: string }>(`${fuelUrl}/stations`, {
    governorate,
    name: `Flow station ${stationId}`,
    stationId,
  });

  if (created.status !== 201 || !created.body.stationKey) {
    throw new Error(`station ${stationId}: HTTP ${created.status} ${JSON.stringify(created.body)}`);
  }

  return created.body.stationKey;
}
