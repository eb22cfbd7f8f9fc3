import { nextCardNumber } from './support/builders';
import { startFuelService, type FuelTestService } from './support/fuel-service';
import { errorOf, getJson, postJson, withOperator } from './support/http';
import { postRedemption, postReversal } from './support/redemption-client';
import { members, seedFamily, seedVehicle, type SeededFamily } from './support/seed-beneficiaries';

interface Redemption {
  redemptionId: string;
}

interface ExclusionBody {
  counts: { entitled: number; governorate: string; notServed: number; served: number }[];
  families: { familyId: string; governorate: string; livingMembers: number; quantity: number }[];
  periodEnd: string;
  periodStart: string;
  total: number;
}

interface PairBody {
  pairs: {
    cardNumber: string;
    distanceKm: number;
    first: { redemptionId: string; reversed: boolean; stationId: string };
    minutes: number;
    second: { redemptionId: string; reversed: boolean; stationId: string };
    speedKmh: number;
  }[];
  total: number;
}

/** Damascus local time (UTC+3) as an instant. */
function damascus(local: string): Date {
  return new Date(`${local}:00+03:00`);
}

describe('operator reports', () => {
  let fuel: FuelTestService;
  let familyA: SeededFamily;
  let familyB: SeededFamily;
  let familyC: SeededFamily;
  const cardA = nextCardNumber();
  const cardB = nextCardNumber();
  const ids: Record<string, string> = {};
  /** Station of each named redemption: only that station may reverse it. */
  const stations: Record<string, string> = {};

  async function addCard(cardNumber: string, family: SeededFamily): Promise<void> {
    await fuel.sql.query(
      `INSERT INTO cards (card_number, changed_at, expiry_date, family_id, national_number,
                          reason, status, version)
       VALUES ($1, '2026-11-01T08:00:00Z', '2031-11-01', $2, $3, 'card issued', 'issued', 1)`,
      [cardNumber, family.familyId, family.headNationalNumber],
    );
  }

  async function redeem(
    name: string,
    at: string,
    cardNumber: string,
    stationId: string,
    productCode: string,
    quantity: number,
  ): Promise<void> {
    fuel.clock.set(damascus(at));

    const result = await postRedemption<Redemption>(fuel, {
      cardNumber,
      idempotencyKey: `report-${name}-${cardNumber}`,
      productCode,
      quantity,
      stationId,
    });

    expect(result.status).toBe(200);
    ids[name] = result.body.redemptionId;
    stations[name] = stationId;
  }

  async function reverse(name: string, at: string): Promise<void> {
    fuel.clock.set(damascus(at));

    const result = await postReversal(fuel, ids[name]!, stations[name]!, {
      reason: 'pump failure',
    });

    expect(result.status).toBe(200);
  }

  beforeAll(async () => {
    fuel = await startFuelService('reports');
    familyA = await seedFamily(fuel.sql, 'SY01', members(4));
    familyB = await seedFamily(fuel.sql, 'SY02', members(6));
    familyC = await seedFamily(fuel.sql, 'SY01', members(3));
    await seedFamily(fuel.sql, 'SY02', [{ alive: false, role: 'head' }]);
    await addCard(cardA, familyA);
    await addCard(cardB, familyB);
    await seedVehicle(fuel.sql, 'RP-100', 'private-car', familyA.headNationalNumber);

    // A station added without coordinates is placed at its governorate's capital, Homs.
    const station = await postJson(`${fuel.url}/stations`, {
      governorate: 'SY04',
      name: 'Homs ring road',
      stationId: 'ST-SY04-RING',
    });

    expect(station.status).toBe(201);

    await redeem('r1', '2026-11-15T12:00', cardA, 'ST-SY01-001', 'gas-cylinder', 1);
    await redeem('r2', '2026-11-15T12:20', cardA, 'ST-SY02-001', 'gasoline-90', 20_000);
    await redeem('r3', '2026-11-15T12:30', cardB, 'ST-SY02-002', 'gas-cylinder', 1);
    await reverse('r3', '2026-11-15T12:40');
    await redeem('r4', '2026-11-15T13:00', cardB, 'ST-SY01-002', 'gas-cylinder', 1);
    await redeem('r5', '2026-11-15T13:10', cardA, 'ST-SY04-RING', 'diesel-heating', 10_000);
    await redeem('r6', '2026-11-16T23:50', cardB, 'ST-SY02-001', 'diesel-heating', 30_000);
    // The reversal falls on the next day and subtracts there.
    await reverse('r6', '2026-11-17T00:10');
  }, 120_000);

  afterAll(async () => {
    await fuel?.close();
  });

  describe('spend', () => {
    const row = (
      day: string,
      governorate: string,
      productCode: string,
      figures: [number, number, number, number, number],
    ) => ({
      amountPiastres: figures[3],
      day,
      governorate,
      productCode,
      quantity: figures[0],
      redemptions: figures[1],
      reversals: figures[2],
      subsidyPiastres: figures[4],
      unit: productCode === 'gas-cylinder' ? 'cylinder' : 'ml',
      withoutFreePrice: 0,
    });

    it('rows per product, governorate and day', async () => {
      const result = await getJson<{ rows: unknown[] }>(
        `${fuel.url}/reports/spend?from=2026-11-15&to=2026-11-17`,
      );

      expect(result.status).toBe(200);
      // Gas: 9,700 SYP on the card, 30,600 without. Gasoline 90: 2,500 and 4,000 SYP/L. Heating
      // diesel: 1,700 SYP/L both ways, so no subsidy.
      expect(result.body.rows).toEqual([
        row('2026-11-15', 'SY01', 'gas-cylinder', [2, 2, 0, 1_940_000, 4_180_000]),
        row('2026-11-15', 'SY02', 'gas-cylinder', [0, 1, 1, 0, 0]),
        row('2026-11-15', 'SY02', 'gasoline-90', [20_000, 1, 0, 5_000_000, 3_000_000]),
        row('2026-11-15', 'SY04', 'diesel-heating', [10_000, 1, 0, 1_700_000, 0]),
        row('2026-11-16', 'SY02', 'diesel-heating', [30_000, 1, 0, 5_100_000, 0]),
        row('2026-11-17', 'SY02', 'diesel-heating', [-30_000, 0, 1, -5_100_000, 0]),
      ]);
    });

    it('filters and csv', async () => {
      const response = await fetch(
        `${fuel.url}/reports/spend?from=2026-11-15&to=2026-11-15&productCode=gas-cylinder&governorate=SY01&format=csv`,
        { headers: await withOperator() },
      );

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/csv');
      expect(await response.text()).toBe(
        'day,governorate,productCode,unit,quantity,redemptions,reversals,amountPiastres,subsidyPiastres,withoutFreePrice\r\n' +
          '2026-11-15,SY01,gas-cylinder,cylinder,2,2,0,1940000,4180000,0\r\n',
      );
    });

    it('day outside range is left out', async () => {
      const result = await getJson<{ rows: { day: string }[] }>(
        `${fuel.url}/reports/spend?from=2026-11-17&to=2026-11-20`,
      );

      expect(result.body.rows.map((entry) => entry.day)).toEqual(['2026-11-17']);
    });

    it('bad range', async () => {
      const reversed = await getJson(`${fuel.url}/reports/spend?from=2026-11-17&to=2026-11-15`);
      const long = await getJson(`${fuel.url}/reports/spend?from=2025-01-01&to=2026-11-15`);
      const unknown = await getJson(`${fuel.url}/reports/spend?from=2026-11-15&to=2026-11-15&x=1`);

      expect([reversed.status, errorOf(reversed).field]).toEqual([400, 'to']);
      expect([long.status, errorOf(long).field]).toEqual([400, 'to']);
      expect([unknown.status, errorOf(unknown).field]).toEqual([400, 'x']);
    });
  });

  describe('exclusions', () => {
    it('gas period counts and list', async () => {
      const result = await getJson<ExclusionBody>(
        `${fuel.url}/reports/exclusions?productCode=gas-cylinder&day=2026-11-16`,
      );

      expect(result.status).toBe(200);
      expect([result.body.periodStart, result.body.periodEnd]).toEqual([
        '2026-11-15',
        '2026-12-07',
      ]);
      expect(result.body.counts).toEqual([
        { entitled: 2, governorate: 'SY01', notServed: 1, served: 1 },
        { entitled: 1, governorate: 'SY02', notServed: 0, served: 1 },
      ]);
      expect(result.body.families).toEqual([
        {
          familyId: familyC.familyId,
          governorate: 'SY01',
          headNationalNumber: familyC.headNationalNumber,
          livingMembers: 3,
          quantity: 1,
        },
      ]);
      expect(result.body.total).toBe(1);
    });

    it('reversed redemption does not serve', async () => {
      const result = await getJson<ExclusionBody>(
        `${fuel.url}/reports/exclusions?productCode=diesel-heating&day=2026-11-17`,
      );

      expect(result.body.counts).toEqual([
        { entitled: 2, governorate: 'SY01', notServed: 1, served: 1 },
        { entitled: 1, governorate: 'SY02', notServed: 1, served: 0 },
      ]);
      expect(result.body.families.map((family) => [family.familyId, family.quantity])).toEqual([
        [familyC.familyId, 50_000],
        [familyB.familyId, 60_000],
      ]);
    });

    it('pages and governorate filter', async () => {
      const page = await getJson<ExclusionBody>(
        `${fuel.url}/reports/exclusions?productCode=diesel-heating&day=2026-11-17&limit=1&offset=1`,
      );
      const sy01 = await getJson<ExclusionBody>(
        `${fuel.url}/reports/exclusions?productCode=diesel-heating&day=2026-11-17&governorate=SY01`,
      );
      const past = await getJson<ExclusionBody>(
        `${fuel.url}/reports/exclusions?productCode=diesel-heating&day=2026-11-17&offset=5`,
      );

      expect(page.body.families.map((family) => family.familyId)).toEqual([familyB.familyId]);
      expect(page.body.total).toBe(2);
      expect(sy01.body.families.map((family) => family.familyId)).toEqual([familyC.familyId]);
      expect([past.body.families.length, past.body.total]).toEqual([0, 2]);
    });

    it('csv lists the page', async () => {
      const response = await fetch(
        `${fuel.url}/reports/exclusions?productCode=gas-cylinder&day=2026-11-16&format=csv`,
        { headers: await withOperator() },
      );

      expect(await response.text()).toBe(
        'governorate,familyId,headNationalNumber,livingMembers,quantity\r\n' +
          `SY01,${familyC.familyId},${familyC.headNationalNumber},3,1\r\n`,
      );
    });

    it('vehicle product and off season', async () => {
      const vehicle = await getJson(`${fuel.url}/reports/exclusions?productCode=gasoline-90`);
      const summer = await getJson(
        `${fuel.url}/reports/exclusions?productCode=diesel-heating&day=2026-06-01`,
      );

      expect([vehicle.status, errorOf(vehicle).code]).toEqual([422, 'NOT_A_FAMILY_PRODUCT']);
      expect([summer.status, errorOf(summer).code]).toEqual([422, 'NO_QUOTA_PERIOD']);
    });
  });

  describe('far-apart redemptions', () => {
    const url = (query: string) =>
      `${fuel.url}/reports/far-apart-redemptions?from=2026-11-15&to=2026-11-17${query}`;

    it('default distance and time', async () => {
      const result = await getJson<PairBody>(url(''));

      expect(result.status).toBe(200);
      expect(result.body.total).toBe(3);
      // Damascus to Aleppo 308.7 km, Aleppo to Homs 167.8 km, between capital centres.
      expect(result.body.pairs).toEqual([
        expect.objectContaining({
          cardNumber: cardA,
          distanceKm: 308.7,
          first: expect.objectContaining({ redemptionId: ids.r1, stationId: 'ST-SY01-001' }),
          minutes: 20,
          second: expect.objectContaining({ redemptionId: ids.r2, stationId: 'ST-SY02-001' }),
          speedKmh: 926.2,
        }),
        expect.objectContaining({
          cardNumber: cardA,
          distanceKm: 167.8,
          first: expect.objectContaining({ redemptionId: ids.r2 }),
          minutes: 50,
          second: expect.objectContaining({ redemptionId: ids.r5, stationId: 'ST-SY04-RING' }),
          speedKmh: 201.4,
        }),
        expect.objectContaining({
          cardNumber: cardB,
          distanceKm: 308.7,
          first: expect.objectContaining({ redemptionId: ids.r3, reversed: true }),
          minutes: 30,
          second: expect.objectContaining({ redemptionId: ids.r4, reversed: false }),
          speedKmh: 617.4,
        }),
      ]);
    });

    it('distance and minutes parameters', async () => {
      const far = await getJson<PairBody>(url('&minDistanceKm=200'));
      const quick = await getJson<PairBody>(url('&maxMinutes=25'));

      expect(
        far.body.pairs.map((pair) => [pair.first.redemptionId, pair.second.redemptionId]),
      ).toEqual([
        [ids.r1, ids.r2],
        [ids.r3, ids.r4],
      ]);
      expect(quick.body.pairs.map((pair) => pair.second.redemptionId)).toEqual([ids.r2]);
    });

    it('moved station changes the distance', async () => {
      // Put the Homs station in Hama: Aleppo to Hama is under 130 km.
      await fuel.sql.query(
        `UPDATE stations SET latitude = 35.1318, longitude = 36.7578 WHERE id = 'ST-SY04-RING'`,
      );

      try {
        const result = await getJson<PairBody>(url('&minDistanceKm=130'));

        expect(result.body.pairs.map((pair) => pair.second.redemptionId)).toEqual([ids.r2, ids.r4]);
      } finally {
        await fuel.sql.query(
          `UPDATE stations SET latitude = NULL, longitude = NULL WHERE id = 'ST-SY04-RING'`,
        );
      }
    });

    it('csv and paging', async () => {
      const response = await fetch(url('&format=csv&limit=1&offset=2'), {
        headers: await withOperator(),
      });
      const lines = (await response.text()).trim().split('\r\n');

      expect(lines).toHaveLength(2);
      expect(lines[0]).toBe(
        'cardNumber,distanceKm,minutes,speedKmh,firstRedemptionId,firstStationId,firstGovernorate,firstRecordedAt,firstReversed,secondRedemptionId,secondStationId,secondGovernorate,secondRecordedAt,secondReversed',
      );
      expect(lines[1]).toBe(
        `${cardB},308.7,30,617.4,${ids.r3},ST-SY02-002,SY02,2026-11-15T09:30:00.000Z,true,` +
          `${ids.r4},ST-SY01-002,SY01,2026-11-15T10:00:00.000Z,false`,
      );
    });
  });
});
