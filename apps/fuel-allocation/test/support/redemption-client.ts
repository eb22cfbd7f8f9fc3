import type { FuelTestService } from './fuel-service';
import { postJson, type HttpResult } from './http';

/** Keys issued per service and station; promises, so concurrent first calls share one key. */
const issued = new WeakMap<FuelTestService, Map<string, Promise<string>>>();

/** Issues a station key through the operator endpoint once per service and station. */
export function stationKey(fuel: FuelTestService, stationId: string): Promise<string> {
  let keys = issued.get(fuel);

  if (!keys) {
    keys = new Map();
    issued.set(fuel, keys);
  }

  let key = keys.get(stationId);

  if (!key) {
    key = postJson<{ stationKey: string }>(`${fuel.url}/stations/${stationId}/keys`, {}).then(
      (result) => {
        if (result.status !== 201) {
          throw new Error(`station ${stationId} key: HTTP ${result.status}`);
        }

        return result.body.stationKey;
      },
    );
    keys.set(stationId, key);
  }

  return key;
}

/** Posts a redemption with the key of the body's station, as a station does. */
export async function postRedemption<Body = Record<string, unknown>>(
  fuel: FuelTestService,
  body: Record<string, unknown>,
): Promise<HttpResult<Body>> {
  const key = await stationKey(fuel, String(body.stationId));

  return postJson<Body>(`${fuel.url}/redemptions`, body, { authorization: `Bearer ${key}` });
}

/** Posts a reversal with the key of the station that recorded the redemption. */
export async function postReversal<Body = Record<string, unknown>>(
  fuel: FuelTestService,
  redemptionId: string,
  stationId: string,
  body: Record<string, unknown>,
): Promise<HttpResult<Body>> {
  const key = await stationKey(fuel, stationId);

  return postJson<Body>(`${fuel.url}/redemptions/${redemptionId}/reversal`, body, {
    authorization: `Bearer ${key}`,
  });
}
