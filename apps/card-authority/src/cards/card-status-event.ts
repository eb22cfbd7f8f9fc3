import type { EventData } from '@bitaqa/contracts';

import type { Card } from './card';

export type CardStatusData = EventData<'sy.gov.authority.card-status.v1'>;

/**
 * The `CardStatusChanged` payload for a card's current status. The lifecycle publishes it at each
 * change, and a hotlist rebuild publishes it again with the same version, so consumers that keep
 * the highest version apply it at most once.
 */
export function cardStatusData(card: Card, changedAt: string): CardStatusData {
  return {
    cardNumber: card.cardNumber,
    changedAt,
    expiryDate: card.expiryDate,
    familyId: card.familyId,
    nationalNumber: card.nationalNumber,
    reason: card.statusReason,
    status: card.status,
    version: card.statusVersion,
  };
}
