import { createHash } from 'node:crypto';

import type { RedemptionRequest } from './redemption.schemas';

/**
 * Hashes the fields of a redemption request other than its idempotency key, so a retry can be
 * distinguished from a different request that reuses the key.
 */
export function redemptionRequestHash(request: RedemptionRequest): string {
  const canonical = JSON.stringify([
    request.cardNumber,
    request.productCode,
    request.quantity,
    request.stationId,
    request.vehiclePlate ?? null,
  ]);

  return createHash('sha256').update(canonical).digest('hex');
}
