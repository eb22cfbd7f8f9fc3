import { createHash } from 'node:crypto';

import type { RedemptionRequest } from './redemption.schemas';

/**
 * Fingerprint of what a redemption request asks for, idempotency key aside, so a retry can be
 * told from a different request that reuses the key.
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
