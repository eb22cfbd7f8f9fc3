import { CardStatusChanged, FamilyUpdated, type CardStatus } from '@bitaqa/contracts';
import { waitFor } from '@bitaqa/testing';

import { cardStatus, familySnapshot, type CardStatusData, type FamilySnapshot } from './builders';
import type { FuelTestService } from './fuel-service';
import { getJson } from './http';

export interface FamilyWithCard {
  card: CardStatusData;
  family: FamilySnapshot;
}

/**
 * Publishes a family of a head, a wife and `children` children and a card of its head, and
 * waits until the service serves the card's entitlements.
 */
export async function givenFamilyWithCard(
  fuel: FuelTestService,
  children: number,
  status: CardStatus = 'issued',
): Promise<FamilyWithCard> {
  const family = familySnapshot(children);
  const card = cardStatus(family.familyId, family.headNationalNumber, status);

  await fuel.events.publish(FamilyUpdated, family);
  await fuel.events.publish(CardStatusChanged, card);
  await waitFor(`card ${card.cardNumber} and family ${family.familyId}`, async () => {
    const result = await getJson(`${fuel.url}/cards/${card.cardNumber}/entitlements`);

    return result.status === 200 ? true : undefined;
  });

  return { card, family };
}

/** Ledger rows of one family's accounts of one product, oldest first. */
export async function ledgerEntries(
  fuel: FuelTestService,
  familyId: string,
  productCode: string,
): Promise<{ kind: string; quantity: number }[]> {
  const result = await fuel.sql.query<{ kind: string; quantity: number }>(
    `SELECT e.kind::text AS kind, e.quantity FROM ledger_entries e
     JOIN quota_accounts a ON a.id = e.account_id
     WHERE a.family_id = $1 AND a.product_code = $2 ORDER BY e.id`,
    [familyId, productCode],
  );

  return result.rows;
}
