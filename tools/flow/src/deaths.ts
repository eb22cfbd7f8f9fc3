import { setTimeout as sleep } from 'node:timers/promises';

import type { TokenSource } from '@bitaqa/auth';

import { getJson, getOk, postJson } from './http-json';
import type { RunningPlatform } from './platform';

interface CardView {
  familyId: string | null;
  nationalNumber: string;
  status: string;
}

export interface HolderDeath {
  cardNumber: string;
  familyId: string | null;
  nationalNumber: string;
}

/** Registers the death of each card's holder at civil records, dated today (UTC). */
export async function registerHolderDeaths(
  platform: RunningPlatform,
  cardNumbers: string[],
): Promise<HolderDeath[]> {
  const today = new Date().toISOString().slice(0, 10);
  const deaths: HolderDeath[] = [];

  for (const cardNumber of cardNumbers) {
    const card = await getOk<CardView>(
      `${platform.url('card-authority')}/cards/${cardNumber}`,
      platform.auth.operator('card-authority'),
    );
    const answer = await postJson(
      `${platform.url('civil-records')}/deaths`,
      { dateOfDeath: today, nationalNumber: card.nationalNumber },
      platform.auth.operator('civil-records'),
    );

    if (answer.status >= 300) {
      throw new Error(
        `death of ${card.nationalNumber} failed with HTTP ${answer.status}: ${JSON.stringify(answer.body)}`,
      );
    }
    deaths.push({ cardNumber, familyId: card.familyId, nationalNumber: card.nationalNumber });
  }

  return deaths;
}

/** Waits until the station's cache marks every card unusable; fails after `timeoutMs`. */
export async function waitUntilStationRefuses(
  stationUrl: string,
  attendant: TokenSource,
  cardNumbers: string[],
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(cardNumbers);

  while (pending.size > 0) {
    for (const cardNumber of [...pending]) {
      const view = await getJson<{ usable?: boolean }>(
        `${stationUrl}/cards/${cardNumber}/status`,
        attendant,
      );

      if (view.status === 200 && view.body.usable === false) pending.delete(cardNumber);
    }
    if (pending.size === 0) return;
    if (Date.now() > deadline)
      throw new Error(
        `station still accepts cards ${[...pending].join(', ')} after ${timeoutMs} ms`,
      );
    await sleep(500);
  }
}

interface FamilyEntitlementsView {
  entitlements: { granted: number; productCode: string }[];
  familyId: string;
  livingMembers: number;
}

export interface EntitlementChange {
  familyId: string;
  heatingDieselAfter: number;
  heatingDieselBefore: number;
  livingAfter: number;
  livingBefore: number;
}

function heatingDiesel(view: FamilyEntitlementsView): number {
  return (
    view.entitlements.find((entitlement) => entitlement.productCode === 'diesel-heating')
      ?.granted ?? 0
  );
}

/**
 * Picks up to `count` cards whose family has at least `minLivingMembers` living members, the
 * families whose heating diesel scales with their size, so a death visibly changes the quota.
 */
export async function pickLargeFamilies(
  fuelUrl: string,
  officer: TokenSource,
  cardNumbers: string[],
  count: number,
  minLivingMembers = 6,
): Promise<Map<string, FamilyEntitlementsView>> {
  const picked = new Map<string, FamilyEntitlementsView>();

  for (const cardNumber of cardNumbers) {
    if (picked.size >= count) break;

    const view = await getOk<FamilyEntitlementsView>(
      `${fuelUrl}/cards/${cardNumber}/entitlements`,
      officer,
    );

    if (view.livingMembers >= minLivingMembers) picked.set(cardNumber, view);
  }

  return picked;
}

/** Compares each family's entitlements now with those read before the deaths. */
export async function entitlementChanges(
  fuelUrl: string,
  officer: TokenSource,
  before: Map<string, FamilyEntitlementsView>,
): Promise<EntitlementChange[]> {
  const changes: EntitlementChange[] = [];

  for (const view of before.values()) {
    const now = await getOk<FamilyEntitlementsView>(
      `${fuelUrl}/families/${view.familyId}/entitlements`,
      officer,
    );

    changes.push({
      familyId: view.familyId,
      heatingDieselAfter: heatingDiesel(now),
      heatingDieselBefore: heatingDiesel(view),
      livingAfter: now.livingMembers,
      livingBefore: view.livingMembers,
    });
  }

  return changes;
}
