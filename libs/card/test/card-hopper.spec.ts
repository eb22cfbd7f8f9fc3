import { CardCommands } from '../src/application/card-commands';
import { CardImage } from '../src/application/card-image';
import { FileId } from '../src/application/file-table';
import { CardHopper } from '../src/emulator/card-hopper';
import { LocalCardTransport } from '../src/emulator/local-card-transport';
import { HopperMode } from '../src/emulator/slot-events';
import { personalizeCard } from '../src/personalization/personalize-card';
import { readCard } from '../src/personalization/read-card';
import { PcscClient, vpcdReaderName } from '../src/reader/pcsc-client';
import { personalizationData } from './support/personalization-fixture';
import { testVpcdPort } from './support/vpcd-port';

const SLOT_0 = vpcdReaderName(0);
const client = new PcscClient({ transmitTimeoutMs: 5000 });

function nextEvent(
  hopper: CardHopper,
  event: 'personalized' | 'spoiled' | 'loaded',
): Promise<CardImage> {
  return new Promise((resolve) => hopper.once(event, resolve));
}

describe('card hopper with a pulled card', () => {
  it('rejects the pulled card and feeds the next', async () => {
    const hopper = new CardHopper({ port: testVpcdPort(), pulledCards: [{ card: 1, atApdu: 9 }] });
    await hopper.start();
    try {
      const spoiled = nextEvent(hopper, 'spoiled');
      const first = await client.connectWhenPresent(SLOT_0, { timeoutMs: 10000 });
      const failure = await personalizeCard(first, personalizationData(31)).catch(
        (error: unknown) => error,
      );
      first.disconnect('unpower');
      const rejected = await spoiled;
      const ejected = nextEvent(hopper, 'personalized');
      const second = await client.connectWhenPresent(SLOT_0, { timeoutMs: 10000 });
      const result = await personalizeCard(second, personalizationData(31));
      second.disconnect('unpower');
      await ejected;

      expect(failure).toMatchObject({ code: 'CARD_SPOILED' });
      expect(rejected.updateCount).toBeGreaterThan(0);
      expect(result.serial).not.toBe(rejected.serial);
      expect(hopper.spoiledCards).toHaveLength(1);
      expect(hopper.personalizedCards).toHaveLength(1);
    } finally {
      await hopper.stop();
    }
  });
});

describe.each<HopperMode>(['swap', 'reconnect'])('card hopper in %s mode', (mode) => {
  let hopper: CardHopper;

  beforeEach(async () => {
    hopper = new CardHopper({ port: testVpcdPort(), mode });
    await hopper.start();
  });

  afterEach(async () => {
    await hopper.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
  });

  it('feeds a new blank card after each personalized one', async () => {
    const serials: string[] = [];
    for (const serial of [11, 12, 13]) {
      const ejected = nextEvent(hopper, 'personalized');
      const connection = await client.connectWhenPresent(SLOT_0, { timeoutMs: 10000 });
      serials.push((await personalizeCard(connection, personalizationData(serial))).serial);
      connection.disconnect('unpower');
      await ejected;
    }

    expect(new Set(serials).size).toBe(3);
    expect(hopper.personalizedCards.map((image) => image.serial)).toEqual(serials);
    expect(hopper.spoiledCards).toHaveLength(0);
  });

  it('output cards hold what was written', async () => {
    const ejected = nextEvent(hopper, 'personalized');
    const connection = await client.connectWhenPresent(SLOT_0, { timeoutMs: 10000 });
    await personalizeCard(connection, personalizationData(21));
    connection.disconnect('unpower');
    const contents = await readCard(new LocalCardTransport(await ejected));

    expect(contents.lifecycle).toBe('personalized');
    expect(contents.cardNumber).toBe(personalizationData(21).cardNumber);
  });

  it('rejects a card written but not finalized', async () => {
    const spoiled = nextEvent(hopper, 'spoiled');
    const connection = await client.connectWhenPresent(SLOT_0, { timeoutMs: 10000 });
    await connection.transmit(CardCommands.selectApplication());
    await connection.transmit(CardCommands.selectFile(FileId.CARD_NUMBER));
    await connection.transmit(CardCommands.updateBinary(0, Buffer.from('9760')));
    connection.disconnect('unpower');
    const image = await spoiled;
    const next = await client.connectWhenPresent(SLOT_0, { timeoutMs: 10000 });
    const contents = await readCard(next);
    next.disconnect('leave');

    expect(image.updateCount).toBe(1);
    expect(hopper.spoiledCards).toHaveLength(1);
    expect(contents.serial).not.toBe(image.serial);
    expect(contents.lifecycle).toBe('blank');
  });

  it('keeps an untouched card after a power off', async () => {
    const first = await client.connectWhenPresent(SLOT_0, { timeoutMs: 10000 });
    const before = (await readCard(first)).serial;
    first.disconnect('unpower');
    const second = await client.connectWhenPresent(SLOT_0, { timeoutMs: 10000 });
    const after = (await readCard(second)).serial;
    second.disconnect('leave');

    expect(after).toBe(before);
    expect(hopper.personalizedCards).toHaveLength(0);
    expect(hopper.spoiledCards).toHaveLength(0);
  });
});
