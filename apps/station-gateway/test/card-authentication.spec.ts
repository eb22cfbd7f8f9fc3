import { acquireVpcdLock, PcscClient, type CardImage } from '@bitaqa/card';
import { generateP256KeyPair } from '@bitaqa/card-keys';
import { CardStatusChanged, FamilyUpdated, Topics } from '@bitaqa/contracts';
import { headerText, physicalTopic } from '@bitaqa/messaging';
import {
  createPrefixedTopics,
  deletePrefixedTopics,
  readTopic,
  uniqueTopicPrefix,
  waitFor,
} from '@bitaqa/testing';

import {
  defaultIssuer,
  insertIntoStationReader,
  personalizedCard,
  removeFromStationReader,
  stationReaderName,
} from './support/cards';
import { cardStatus, familyOfCard, makeCardNumber, publish } from './support/events';
import { startFuelAllocation, type TestFuelAllocation } from './support/fuel-allocation';
import { getJson, postJson, type ErrorBody } from './support/http';
import { cardSecrets, createTestIssuer, type TestIssuer } from './support/issuer';
import { ScriptedCard } from './support/scripted-card';
import { startStation, type TestStation } from './support/station';

interface FlagBody {
  cardNumber: string;
  certificateCardNumber: string | null;
  code: string;
  counter: number | null;
  flagId: string;
  keyVersion: number | null;
  lastCounter: number;
  stationId: string;
  transactionId: string;
}

type SaleBody = ErrorBody & { cardNumber?: string; transactionId?: string };

interface SaleResult {
  body: SaleBody;
  /** The card's state when it left the reader. */
  image: CardImage;
  /** INTERNAL AUTHENTICATE response the card sent: data, then the status word. */
  signatureResponse: Buffer | undefined;
  status: number;
}

// A station that fuel-allocation's seed data registers.
const STATION_ID = 'ST-SY01-001';
const GENUINE = 31;
const UNKNOWN_KEY = 32;
const FORGED_CERTIFICATE = 33;
const OTHER_NUMBER = 34;
const EXPIRED_CERTIFICATE = 35;
const HOTLISTED = 36;
const FORGED_SIGNATURE = 37;
const SALE = { productCode: 'diesel-heating', quantity: 1_000 };
const INTERNAL_AUTHENTICATE = 0x88;
/** Flags the suite raises: forged certificate, other number, forged signature, three on GENUINE. */
const FLAG_COUNT = 6;

const number = (serial: number) => makeCardNumber(serial);

describe('offline card authentication', () => {
  const prefix = uniqueTopicPrefix('station-auth');
  let fuelAllocation: TestFuelAllocation;
  let otherIssuer: TestIssuer;
  let unknownIssuer: TestIssuer;
  let releaseVpcd: (() => void) | undefined;
  let station: TestStation;
  const cards = new Map<number, CardImage>();

  async function sell(image: CardImage): Promise<SaleResult> {
    const inserted = await insertIntoStationReader(image);
    let signatureResponse: Buffer | undefined;

    inserted.on('apdu', ({ command, response }) => {
      if (command[1] === INTERNAL_AUTHENTICATE) signatureResponse = response;
    });

    try {
      const { body, status } = await postJson<SaleBody>(`${station.url}/transactions`, SALE);

      await removeFromStationReader(inserted);

      return { body, image: await inserted.remove(), signatureResponse, status };
    } finally {
      await inserted.remove();
    }
  }

  /** Sells to a card that returns `response` to every INTERNAL AUTHENTICATE. */
  async function sellReplaying(image: CardImage, response: Buffer) {
    const card = await ScriptedCard.insert(image, INTERNAL_AUTHENTICATE, response);

    try {
      return await postJson<SaleBody>(`${station.url}/transactions`, SALE);
    } finally {
      await card.remove();
      await waitFor('station reader empty', () =>
        new PcscClient().isCardPresent(stationReaderName()) ? undefined : true,
      );
    }
  }

  async function flagsOf(serial: number): Promise<FlagBody[]> {
    const { body } = await getJson<{ flags: FlagBody[] }>(
      `${station.url}/flags?cardNumber=${number(serial)}`,
    );

    return body.flags;
  }

  function refusalOf(result: { body: SaleBody }): unknown {
    return result.body.error?.details?.['refusal'];
  }

  beforeAll(async () => {
    // Other suites put cards into the same vpcd slots; the lock keeps their cards out of ours.
    releaseVpcd = await acquireVpcdLock();
    await createPrefixedTopics(prefix);
    await publish(prefix, CardStatusChanged, [
      cardStatus(GENUINE),
      cardStatus(UNKNOWN_KEY),
      cardStatus(FORGED_CERTIFICATE),
      cardStatus(OTHER_NUMBER),
      cardStatus(EXPIRED_CERTIFICATE),
      cardStatus(HOTLISTED, { reason: 'reported stolen', status: 'revoked' }),
      cardStatus(FORGED_SIGNATURE),
    ]);

    otherIssuer = await createTestIssuer(1);
    unknownIssuer = await createTestIssuer(7);

    const issuer = await defaultIssuer();
    const certified = await cardSecrets(issuer, number(FORGED_SIGNATURE));
    const withOwn = async (serial: number) => personalizedCard(cardStatus(serial));
    const withSecrets = async (serial: number, secrets: Awaited<ReturnType<typeof cardSecrets>>) =>
      personalizedCard(cardStatus(serial), secrets);

    cards.set(GENUINE, await withOwn(GENUINE));
    cards.set(HOTLISTED, await withOwn(HOTLISTED));
    cards.set(
      UNKNOWN_KEY,
      await withSecrets(UNKNOWN_KEY, await cardSecrets(unknownIssuer, number(UNKNOWN_KEY))),
    );
    cards.set(
      FORGED_CERTIFICATE,
      await withSecrets(
        FORGED_CERTIFICATE,
        await cardSecrets(otherIssuer, number(FORGED_CERTIFICATE)),
      ),
    );
    cards.set(
      OTHER_NUMBER,
      await withSecrets(
        OTHER_NUMBER,
        await cardSecrets(issuer, number(OTHER_NUMBER), { certifiedCardNumber: number(GENUINE) }),
      ),
    );
    cards.set(
      EXPIRED_CERTIFICATE,
      await withSecrets(
        EXPIRED_CERTIFICATE,
        await cardSecrets(issuer, number(EXPIRED_CERTIFICATE), {
          notAfter: '2026-06-30',
          notBefore: '2026-01-01',
        }),
      ),
    );
    cards.set(
      FORGED_SIGNATURE,
      await withSecrets(FORGED_SIGNATURE, {
        ...certified,
        signingKey: generateP256KeyPair().privateKey,
      }),
    );

    fuelAllocation = await startFuelAllocation(prefix);
    await publish(prefix, FamilyUpdated, [familyOfCard(GENUINE)]);
    await waitFor('fuel-allocation knows the genuine card', async () => {
      const { status } = await fuelAllocation.read(`/cards/${number(GENUINE)}/entitlements`);

      return status === 200 ? true : undefined;
    });
    station = await startStation(
      STATION_ID,
      {
        CARD_WAIT_MS: '1500',
        FUEL_ALLOCATION_URL: fuelAllocation.url,
        KAFKA_TOPIC_PREFIX: prefix,
        OUTBOX_POLL_MS: '50',
      },
      { fuelAllocationTokens: await fuelAllocation.stationTokens(STATION_ID) },
    );
    await waitFor('seven cards cached', async () => {
      const { body } = await getJson<{ cache: { cards: number } }>(`${station.url}/health`);

      return body.cache.cards === 7 ? true : undefined;
    });
  }, 10 * 60_000);

  afterAll(async () => {
    await station?.close();
    await fuelAllocation?.close();
    await otherIssuer?.store.close();
    await unknownIssuer?.store.close();
    await deletePrefixedTopics(prefix);
    releaseVpcd?.();
  });

  it('loads the trust anchor from the file', async () => {
    const { body } = await getJson<{ trustAnchors: { keyVersion: number; source: string }[] }>(
      `${station.url}/trust-anchors`,
    );

    expect(body.trustAnchors).toEqual([
      expect.objectContaining({ keyVersion: 1, source: 'file', status: 'active' }),
    ]);
  });

  it('refuses a certificate of an unknown key version', async () => {
    const result = await sell(cards.get(UNKNOWN_KEY)!);

    expect(result.status).toBe(422);
    expect(result.body.error.code).toBe('CARD_REFUSED');
    expect(refusalOf(result)).toBe('ISSUER_KEY_UNKNOWN');
    expect(await flagsOf(UNKNOWN_KEY)).toEqual([]);
  });

  it('refuses and flags a forged certificate', async () => {
    const result = await sell(cards.get(FORGED_CERTIFICATE)!);

    expect(refusalOf(result)).toBe('CERTIFICATE_SIGNATURE_INVALID');
    expect(result.body.error.details?.['status']).toBe('suspect');
    expect(await flagsOf(FORGED_CERTIFICATE)).toEqual([
      expect.objectContaining({ code: 'CERTIFICATE_SIGNATURE_INVALID', keyVersion: 1 }),
    ]);
  });

  it('refuses and flags a certificate of another card', async () => {
    const result = await sell(cards.get(OTHER_NUMBER)!);

    expect(refusalOf(result)).toBe('CERTIFICATE_HOLDER_MISMATCH');
    expect(await flagsOf(OTHER_NUMBER)).toEqual([
      expect.objectContaining({
        certificateCardNumber: number(GENUINE),
        code: 'CERTIFICATE_HOLDER_MISMATCH',
      }),
    ]);
  });

  it('refuses an expired certificate', async () => {
    const result = await sell(cards.get(EXPIRED_CERTIFICATE)!);

    expect(refusalOf(result)).toBe('CERTIFICATE_EXPIRED');
    expect(await flagsOf(EXPIRED_CERTIFICATE)).toEqual([]);
  });

  it('refuses a hotlisted card that authenticates', async () => {
    const result = await sell(cards.get(HOTLISTED)!);

    expect(refusalOf(result)).toBe('CARD_HOTLISTED');
    expect(result.signatureResponse).toBeDefined();
  });

  it('refuses and flags a forged signature', async () => {
    const result = await sell(cards.get(FORGED_SIGNATURE)!);

    expect(refusalOf(result)).toBe('SIGNATURE_INVALID');
    expect(await flagsOf(FORGED_SIGNATURE)).toEqual([
      expect.objectContaining({ code: 'SIGNATURE_INVALID', counter: 1, stationId: STATION_ID }),
    ]);
  });

  describe('one genuine card and its copies', () => {
    // Steps build on each other: the card's counter and the station's memory of it carry over.
    const images: CardImage[] = [];
    let firstResponse: Buffer;

    it('accepts the genuine card and stores its counter', async () => {
      images.push(cards.get(GENUINE)!);

      const first = await sell(images[0]!);

      expect(first.body.error).toBeUndefined();
      expect(first.status).toBe(201);
      expect(first.signatureResponse).toHaveLength(70);
      firstResponse = first.signatureResponse!;
      images.push(first.image);

      const second = await sell(images[1]!);

      expect(second.status).toBe(201);
      images.push(second.image);
      expect(
        station.rows<{ last_counter: number }>(
          'SELECT last_counter FROM card_counters WHERE card_number = ?',
          number(GENUINE),
        ),
      ).toEqual([{ last_counter: 2 }]);
      expect(
        station.rows('SELECT 1 FROM card_signatures WHERE card_number = ?', number(GENUINE)),
      ).toHaveLength(2);
    });

    it('refuses and flags a replayed response', async () => {
      expect(firstResponse).toBeDefined();

      const { body, status } = await sellReplaying(images[2]!, firstResponse);

      expect(status).toBe(422);
      expect(body.error.details?.['refusal']).toBe('SIGNATURE_REPLAYED');
      expect(body.error.details?.['flagId']).toEqual(expect.any(String));
    });

    it('refuses and flags a counter going backwards', async () => {
      const result = await sell(images[0]!);

      expect(refusalOf(result)).toBe('SIGNATURE_COUNTER_BACKWARDS');
    });

    it('refuses and flags a counter used twice', async () => {
      const result = await sell(images[1]!);

      expect(refusalOf(result)).toBe('SIGNATURE_COUNTER_REUSED');
    });

    it('still accepts the card after its copies', async () => {
      expect((await sell(images[2]!)).status).toBe(201);
      expect(
        (await flagsOf(GENUINE)).map((flag) => [flag.code, flag.counter, flag.lastCounter]),
      ).toEqual(
        expect.arrayContaining([
          ['SIGNATURE_REPLAYED', 1, 2],
          ['SIGNATURE_COUNTER_BACKWARDS', 1, 2],
          ['SIGNATURE_COUNTER_REUSED', 2, 2],
        ]),
      );
    });
  });

  it('publishes every flag on station.card-flags', async () => {
    const messages = await readTopic(physicalTopic(Topics.stationCardFlags, prefix), FLAG_COUNT);
    const codes = messages.map((message) => JSON.parse(String(message.value)).code as string);

    expect(messages).toHaveLength(FLAG_COUNT);
    expect(codes.sort()).toEqual(
      [
        'CERTIFICATE_HOLDER_MISMATCH',
        'CERTIFICATE_SIGNATURE_INVALID',
        'SIGNATURE_COUNTER_BACKWARDS',
        'SIGNATURE_COUNTER_REUSED',
        'SIGNATURE_INVALID',
        'SIGNATURE_REPLAYED',
      ].sort(),
    );
    expect(headerText(messages[0]!.headers, 'ce_type')).toBe('sy.gov.station.card-flagged.v1');
    expect(station.rows('SELECT 1 FROM outbox_events WHERE sent_at IS NULL')).toHaveLength(0);
  });
});
