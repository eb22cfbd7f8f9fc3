import { testAuthorization } from '@bitaqa/testing';

import type { FuelTestService } from './fuel-service';
import { postJson, type HttpResult } from './http';

/** Tokens per station; promises, so concurrent first calls share one signature. */
const tokens = new Map<string, Promise<string>>();

/**
 * Authorization header of a station's token, as the card authority issues it to the station's
 * credential: kind station, scope fuel:redeem and the station id as the `sta` claim.
 */
export function stationAuthorization(stationId: string): Promise<string> {
  let token = tokens.get(stationId);

  if (!token) {
    token = testAuthorization({
      audience: 'fuel-allocation',
      kind: 'station',
      scopes: ['fuel:redeem'],
      stationCode: stationId,
      subject: `station-${stationId}`,
      ttlSeconds: 3600,
    });
    tokens.set(stationId, token);
  }

  return token;
}

/** Posts a redemption with the token of the body's station, as a station does. */
export async function postRedemption<Body = Record<string, unknown>>(
  fuel: FuelTestService,
  body: Record<string, unknown>,
): Promise<HttpResult<Body>> {
  const authorization = await stationAuthorization(String(body.stationId));

  return postJson<Body>(`${fuel.url}/redemptions`, body, { authorization });
}

/** Posts a reversal with the token of the station that recorded the redemption. */
export async function postReversal<Body = Record<string, unknown>>(
  fuel: FuelTestService,
  redemptionId: string,
  stationId: string,
  body: Record<string, unknown>,
): Promise<HttpResult<Body>> {
  const authorization = await stationAuthorization(stationId);

  return postJson<Body>(`${fuel.url}/redemptions/${redemptionId}/reversal`, body, {
    authorization,
  });
}
