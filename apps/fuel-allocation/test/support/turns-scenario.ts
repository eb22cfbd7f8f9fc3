import { randomInt } from 'node:crypto';

import { CardStatusChanged, FamilyUpdated, type CardStatus } from '@bitaqa/contracts';
import { waitFor } from '@bitaqa/testing';

import { DEFAULT_TURN_SETTINGS, type TurnSettings } from '../../src/turns/turn-settings';

import { cardStatus, familySnapshot } from './builders';
import { startFuelService, type FuelTestService } from './fuel-service';
import { getJson, postJson, withOperator, type HttpResult } from './http';
import type { FamilyWithCard } from './scenario';
import { registryTokenSource, StandInRegistry } from './turns-registry';

export interface TurnsTestService {
  close(): Promise<void>;
  fuel: FuelTestService;
  registry: StandInRegistry;
}

/** A turn as the API returns it. */
export interface TurnBody {
  distributorId: string;
  enqueuedAt: string;
  familyId: string;
  notice: { error: string | null; notificationId: string | null; status: string } | null;
  position: number | null;
  productCode: string;
  quantity: number | null;
  redemptionId: string | null;
  requeuedFrom: string | null;
  status: string;
  turnId: string;
  window: { date: string; end: string; start: string } | null;
}

export interface ScheduleBody {
  date: string;
  expired: number;
  notices: { failed: number; queued: number; retrying: number };
  products: {
    cancelled: number;
    dailyCapacity: number;
    productCode: string;
    scheduled: number;
    used: number;
    waitingAfter: number;
  }[];
}

/**
 * Starts fuel allocation against a stand-in identity registry, with the background scheduler
 * off so tests decide when scheduling runs.
 */
export async function startTurnsService(
  label: string,
  settings: Partial<TurnSettings> = {},
): Promise<TurnsTestService> {
  const registry = await StandInRegistry.start();
  const fuel = await startFuelService(
    label,
    {
      identityRegistryUrl: registry.url,
      turns: { ...DEFAULT_TURN_SETTINGS, schedulerIntervalMs: 0, ...settings },
    },
    { identityRegistryTokens: await registryTokenSource() },
  );

  return {
    close: async () => {
      await fuel.close();
      await registry.stop();
    },
    fuel,
    registry,
  };
}

let distributorSerial = randomInt(100, 900);

/** Adds a distributor in Damascus (SY01) that hands out through station ST-SY01-001. */
export async function givenDistributor(
  fuel: FuelTestService,
  products: { dailyCapacity: number; productCode: string }[],
): Promise<string> {
  distributorSerial += 1;

  const distributorId = `DS-SY01-${distributorSerial}`;
  const result = await postJson(`${fuel.url}/distributors`, {
    distributorId,
    governorate: 'SY01',
    name: `معتمد الغاز ${distributorSerial}`,
    products,
    stationId: 'ST-SY01-001',
  });

  if (result.status !== 201) throw new Error(`distributor not created: ${JSON.stringify(result)}`);

  return distributorId;
}

/**
 * Publishes `count` families of three (head, wife, one child) with an issued card each, and
 * waits until the service serves every card.
 */
export async function givenFamilies(
  fuel: FuelTestService,
  count: number,
  status: CardStatus = 'issued',
): Promise<FamilyWithCard[]> {
  const families: FamilyWithCard[] = [];

  for (let index = 0; index < count; index += 1) {
    const family = familySnapshot(1);
    const card = cardStatus(family.familyId, family.headNationalNumber, status);

    await fuel.events.publish(FamilyUpdated, family);
    await fuel.events.publish(CardStatusChanged, card);
    families.push({ card, family });
  }
  for (const { card, family } of families) {
    await waitFor(`card ${card.cardNumber} and family ${family.familyId}`, async () => {
      const result = await getJson(`${fuel.url}/cards/${card.cardNumber}/entitlements`);

      return result.status === 200 ? true : undefined;
    });
  }

  return families;
}

export function enqueue(
  fuel: FuelTestService,
  familyId: string,
  distributorId: string,
  productCode = 'gas-cylinder',
): Promise<HttpResult<TurnBody>> {
  return postJson<TurnBody>(`${fuel.url}/families/${familyId}/turns`, {
    distributorId,
    productCode,
  });
}

export async function schedule(
  fuel: FuelTestService,
  distributorId: string,
  body: Record<string, unknown> = {},
): Promise<HttpResult<ScheduleBody>> {
  return postJson<ScheduleBody>(`${fuel.url}/distributors/${distributorId}/schedule`, body);
}

export async function familyTurns(fuel: FuelTestService, familyId: string): Promise<TurnBody[]> {
  const result = await getJson<{ turns: TurnBody[] }>(`${fuel.url}/families/${familyId}/turns`);

  if (result.status !== 200) throw new Error(`family turns: ${JSON.stringify(result)}`);

  return result.body.turns;
}

export async function distributorTurns(
  fuel: FuelTestService,
  distributorId: string,
  query = '',
): Promise<TurnBody[]> {
  const result = await getJson<{ turns: TurnBody[] }>(
    `${fuel.url}/distributors/${distributorId}/turns${query}`,
  );

  if (result.status !== 200) throw new Error(`distributor turns: ${JSON.stringify(result)}`);

  return result.body.turns;
}

export async function putJson<Body = Record<string, unknown>>(
  url: string,
  body: unknown,
): Promise<HttpResult<Body>> {
  const response = await fetch(url, {
    body: JSON.stringify(body),
    headers: await withOperator({ 'content-type': 'application/json' }),
    method: 'PUT',
  });

  return {
    body: (await response.json()) as Body,
    headers: response.headers,
    status: response.status,
  };
}
