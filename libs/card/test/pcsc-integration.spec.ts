import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { BITAQA_ATR } from '../src/application/card-constants';
import { createBlankCardImage } from '../src/application/card-image';
import { InsertedCard, insertCard } from '../src/emulator/inserted-card';
import { PersonalizationError } from '../src/personalization/personalization-error';
import { personalizeCard } from '../src/personalization/personalize-card';
import { readCard } from '../src/personalization/read-card';
import { PcscClient, vpcdReaderName } from '../src/reader/pcsc-client';
import { ReaderError } from '../src/reader/reader-error';
import { CardCommands } from '../src/application/card-commands';
import { personalizationData } from './support/personalization-fixture';
import { testVpcdPort } from './support/vpcd-port';

const SLOT_0 = vpcdReaderName(0);
const SLOT_1 = vpcdReaderName(1);
const client = new PcscClient({ transmitTimeoutMs: 5000 });
const inserted: InsertedCard[] = [];

async function insert(
  options: {
    slot?: 0 | 1;
    removeAtApdu?: number;
    image?: ReturnType<typeof createBlankCardImage>;
  } = {},
): Promise<InsertedCard> {
  const card = await insertCard(options.image ?? createBlankCardImage(), {
    port: testVpcdPort() + (options.slot ?? 0),
    ...(options.removeAtApdu === undefined ? {} : { removeAtApdu: options.removeAtApdu }),
  });
  inserted.push(card);

  return card;
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }

  throw new Error('promise resolved');
}

afterEach(async () => {
  await Promise.all(inserted.splice(0).map((card) => card.remove()));
  // pcscd polls vpcd for presence; give it time to see the slot empty before the next test.
  await new Promise((resolve) => setTimeout(resolve, 500));
});

describe('PC/SC through pcscd and vpcd', () => {
  it('lists both vpcd slots', () => {
    expect(client.listReaders()).toEqual(expect.arrayContaining([SLOT_0, SLOT_1]));
  });

  it('waitForCard returns the emulated ATR', async () => {
    await insert();
    const { atr } = await client.waitForCard(SLOT_0, { timeoutMs: 5000 });

    expect(atr).toEqual(BITAQA_ATR);
  });

  it('opensc-tool reads the ATR', async () => {
    await insert();
    await client.waitForCard(SLOT_0, { timeoutMs: 5000 });
    const { stdout } = await promisify(execFile)('opensc-tool', ['--reader', '0', '--atr'], {
      timeout: 15000,
    });
    const printed = stdout.trim().split('\n')[0]!.replace(/:/g, '');

    expect(printed).toBe(BITAQA_ATR.toString('hex'));
  });

  it('personalizes then reads back on a new connection', async () => {
    const card = await insert();
    const data = personalizationData(1);
    const writer = await client.connectWhenPresent(SLOT_0, { timeoutMs: 5000 });
    const result = await personalizeCard(writer, data);
    writer.disconnect('unpower');
    const reader = await client.connectWhenPresent(SLOT_0, { timeoutMs: 5000 });
    const contents = await readCard(reader);
    reader.disconnect('leave');

    expect(contents.serial).toBe((await card.readImage()).serial);
    expect(contents.serial).toBe(result.serial);
    expect(contents.lifecycle).toBe('personalized');
    expect(contents.cardNumber).toBe(data.cardNumber);
    expect(contents.expiryDate).toBe(data.expiryDate);
    expect(contents.holder).toEqual(data.holder);
    expect(contents.mrz).toEqual(result.mrz.lines);
  });

  it('card pulled mid-write is spoiled', async () => {
    const card = await insert({ removeAtApdu: 9 });
    const connection = await client.connectWhenPresent(SLOT_0, { timeoutMs: 5000 });
    const error = await caught(personalizeCard(connection, personalizationData(2)));
    connection.disconnect();
    const image = await card.remove();

    expect(error).toBeInstanceOf(PersonalizationError);
    expect((error as PersonalizationError).code).toBe('CARD_SPOILED');
    expect((error as PersonalizationError).cause).toMatchObject({ code: 'CARD_REMOVED' });
    expect(image.lifecycle).toBe('blank');
    expect(image.updateCount).toBeGreaterThan(0);
  });

  it('commands after a removal fail with CARD_REMOVED', async () => {
    const card = await insert();
    const connection = await client.connectWhenPresent(SLOT_0, { timeoutMs: 5000 });
    await card.remove();
    const error = await caught(connection.transmit(CardCommands.selectApplication()));
    connection.disconnect();

    expect(error).toBeInstanceOf(ReaderError);
    expect((error as ReaderError).code).toBe('CARD_REMOVED');
  });

  it('disconnect with unpower powers the card off', async () => {
    const card = await insert();
    const poweredOff = new Promise((resolve) => card.once('power-off', resolve));
    const connection = await client.connectWhenPresent(SLOT_0, { timeoutMs: 5000 });
    connection.disconnect('unpower');

    await expect(poweredOff).resolves.toMatchObject({ lifecycle: 'blank' });
  });

  it('a saved card reads back in the other slot', async () => {
    const first = await insert();
    const writer = await client.connectWhenPresent(SLOT_0, { timeoutMs: 5000 });
    await personalizeCard(writer, personalizationData(3));
    writer.disconnect();
    const saved = JSON.parse(JSON.stringify(await first.remove()));
    await insert({ slot: 1, image: saved });
    const reader = await client.connectWhenPresent(SLOT_1, { timeoutMs: 5000 });
    const contents = await readCard(reader);
    reader.disconnect();

    expect(contents.cardNumber).toBe(personalizationData(3).cardNumber);
    expect(contents.serial).toBe(saved.serial);
  });

  it('waitForCard times out on an empty slot', async () => {
    const started = Date.now();
    const error = await caught(client.waitForCard(SLOT_0, { timeoutMs: 700 }));

    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(650);
  });

  it('unknown reader is READER_NOT_FOUND', async () => {
    await expect(client.connect('No Such Reader 00 00')).rejects.toMatchObject({
      code: 'READER_NOT_FOUND',
    });
    await expect(
      client.waitForCard('No Such Reader 00 00', { timeoutMs: 1000 }),
    ).rejects.toMatchObject({ code: 'READER_NOT_FOUND' });
  });

  it('connecting to an empty slot is NO_CARD', async () => {
    await expect(client.connect(SLOT_0)).rejects.toMatchObject({ code: 'NO_CARD' });
  });
});
