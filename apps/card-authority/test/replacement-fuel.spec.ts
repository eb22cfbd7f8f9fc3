import { randomUUID } from 'node:crypto';

import { FamilyUpdated, type EventData } from '@bitaqa/contracts';
import { waitFor } from '@bitaqa/testing';

import type { CardDetails } from '../src/cards/cards.service';
import type { Replacement } from '../src/issuance/replacement.service';

import { headIdentity } from './support/builders';
import { startFuelAllocation, type TestFuelAllocation } from './support/fuel-allocation';
import { Harness } from './support/harness';
import { completePersonalization, issueCardFor } from './support/queries';

interface CardEntitlementsBody {
  cardStatus: string;
  entitlements: { balance: number; productCode: string }[];
  familyId: string;
  usable: boolean;
}

interface RedemptionBody {
  balanceAfter: number;
  error?: { code: string; details?: { status?: string } };
}

const PRODUCT = 'diesel-heating';

describe('card replacement at fuel-allocation', () => {
  let harness: Harness;
  let fuel: TestFuelAllocation;

  const head = headIdentity();
  const family: EventData<typeof FamilyUpdated.type> = {
    familyId: head.familyId!,
    governorate: 'SY01',
    headNationalNumber: head.nationalNumber,
    members: [
      {
        alive: true,
        birthDate: '1978-03-21',
        nationalNumber: head.nationalNumber,
        role: 'head',
        sex: 'M',
      },
      {
        alive: true,
        birthDate: '1982-06-02',
        nationalNumber: headIdentity().nationalNumber,
        role: 'wife',
        sex: 'F',
      },
    ],
    reason: 'import',
    version: 1,
  };
  let oldCard: string;
  let newCard: string;

  beforeAll(async () => {
    harness = await Harness.start('replacement-fuel');
    fuel = await startFuelAllocation(harness.prefix);
  });

  afterAll(async () => {
    await fuel?.close();
    await harness?.close();
  });

  function redeem(cardNumber: string, quantity: number) {
    return fuel.redeem<RedemptionBody>({
      cardNumber,
      idempotencyKey: `replacement-${randomUUID()}`,
      productCode: PRODUCT,
      quantity,
      stationId: 'ST-SY01-001',
    });
  }

  /** Waits until fuel-allocation stores the card in `status` and returns its entitlements. */
  function fuelCard(cardNumber: string, status: string): Promise<CardEntitlementsBody> {
    return waitFor(`fuel-allocation to see card ${cardNumber} ${status}`, async () => {
      const { body, status: http } = await fuel.get<CardEntitlementsBody>(
        `/cards/${cardNumber}/entitlements`,
      );

      return http === 200 && body.cardStatus === status ? body : undefined;
    });
  }

  async function familyBalance(): Promise<number | undefined> {
    const { body } = await fuel.get<CardEntitlementsBody>(
      `/families/${family.familyId}/entitlements`,
    );

    return body.entitlements?.find((entry) => entry.productCode === PRODUCT)?.balance;
  }

  it('redeems with the first card', async () => {
    await harness.publish(FamilyUpdated, family);
    oldCard = (await issueCardFor(harness, head)).cardNumber;

    const seen = await fuelCard(oldCard, 'issued');
    const redemption = await redeem(oldCard, 10_000);

    expect(seen.usable).toBe(true);
    expect(redemption.status).toBe(200);
    expect(redemption.body.balanceAfter).toBe(40_000);
  });

  it('refuses the old card once replaced', async () => {
    const { body, status } = await harness.http<Replacement>(
      'POST',
      `/cards/${oldCard}/replacement`,
      { reason: 'lost' },
    );

    expect(status).toBe(201);
    newCard = body.newCard.cardNumber;

    const seen = await fuelCard(oldCard, 'replaced');
    const refused = await redeem(oldCard, 5_000);

    expect(seen.usable).toBe(false);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: 'CARD_NOT_USABLE',
      details: { status: 'replaced' },
    });
    expect(await familyBalance()).toBe(40_000);
  });

  it('refuses the new card before issue', async () => {
    await fuelCard(newCard, 'queued');

    const refused = await redeem(newCard, 5_000);

    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('CARD_NOT_USABLE');
  });

  it('accepts the new card once issued', async () => {
    const queued = await harness.http<CardDetails>('GET', `/cards/${newCard}`);

    await completePersonalization(harness, queued.body);

    const seen = await fuelCard(newCard, 'issued');

    expect(seen.familyId).toBe(family.familyId);
    expect(seen.entitlements.find((entry) => entry.productCode === PRODUCT)?.balance).toBe(40_000);

    const accepted = await redeem(newCard, 5_000);

    expect(accepted.status).toBe(200);
    expect(accepted.body.balanceAfter).toBe(35_000);
  });

  it('keeps refusing the old card', async () => {
    const refused = await redeem(oldCard, 1_000);

    expect(refused.status).toBe(403);
    expect(await familyBalance()).toBe(35_000);
  });
});
