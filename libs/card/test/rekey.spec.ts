import { CardImage } from '../src/application/card-image';
import { InsertedCard, insertCard } from '../src/emulator/inserted-card';
import { LocalCardTransport } from '../src/emulator/local-card-transport';
import { selectApplication } from '../src/personalization/card-files';
import { PcscClient, vpcdReaderName } from '../src/reader/pcsc-client';
import { PcscCardConnection } from '../src/reader/pcsc-connection';
import { PUT_KEY_INS } from '../src/rekey/put-key-constants';
import { rekeyCard, RekeyResult } from '../src/rekey/rekey-card';
import { RekeyPackage } from '../src/rekey/rekey-package';
import { openSecureChannel } from '../src/secure/host-channel';
import { StaticCardKeys } from '../src/secure/session-keys';
import { createRekeyIssuer, REKEY_NOW, rekeyPackageFor, RekeyIssuer } from './support/rekey-issuer';
import { secureCardImage } from './support/secure-card';
import { testVpcdPort } from './support/vpcd-port';

const SLOT_0 = vpcdReaderName(0);
const client = new PcscClient({ transmitTimeoutMs: 5000 });

async function holdsKeys(image: CardImage, keys: StaticCardKeys): Promise<boolean> {
  const card = new LocalCardTransport(image);
  await selectApplication(card);

  return openSecureChannel(card, keys).then(
    () => true,
    () => false,
  );
}

/** Removes the card and waits until pcscd reports the slot empty. */
async function pull(inserted: InsertedCard, connection: PcscCardConnection): Promise<CardImage> {
  try {
    connection.disconnect();
  } catch {
    // The card left the reader already.
  }

  const image = await inserted.remove();
  const deadline = Date.now() + 5000;
  while (client.isCardPresent(SLOT_0) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return image;
}

/** Re-keys the card in slot 0; records the APDU numbers of the PUT KEY blocks. */
async function rekeyInReader(image: CardImage, pkg: RekeyPackage, removeAtApdu?: number) {
  const inserted = await insertCard(image, { port: testVpcdPort(), removeAtApdu });
  // A card left in the slot blocks vpcd for every later test, so it leaves on any failure.
  const connection = await client
    .connectWhenPresent(SLOT_0, { timeoutMs: 5000 })
    .catch(async (error: unknown) => {
      await inserted.remove();
      throw error;
    });
  const putKeyApdus: number[] = [];
  inserted.on('apdu', ({ command }) => {
    if (command[1] === PUT_KEY_INS) putKeyApdus.push(inserted.apduCount);
  });
  const outcome: RekeyResult | Error = await rekeyCard(connection, pkg, { now: REKEY_NOW }).catch(
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );

  return { image: await pull(inserted, connection), outcome, putKeyApdus };
}

describe('re-key through pcscd and vpcd', () => {
  let issuer: RekeyIssuer;
  let image: CardImage;
  let pkg: RekeyPackage;
  let lastPutKey: number;

  beforeAll(async () => {
    issuer = await createRekeyIssuer();
    const card = await secureCardImage(issuer, 621);
    image = card.image;
    pkg = await rekeyPackageFor(issuer, card.cardNumber);
  });

  afterAll(() => issuer.store.close());

  it('moves the card to the new version', async () => {
    const run = await rekeyInReader(image, pkg);
    lastPutKey = run.putKeyApdus.at(-1)!;

    expect(run.outcome).not.toBeInstanceOf(Error);
    expect((run.outcome as RekeyResult).keyVersion).toBe(2);
    expect(run.putKeyApdus).toHaveLength(2);
    expect(await holdsKeys(run.image, pkg.next)).toBe(true);
    expect(await holdsKeys(run.image, pkg.current)).toBe(false);
  });

  it('stays old when pulled at PUT KEY', async () => {
    const run = await rekeyInReader(image, pkg, lastPutKey);

    expect(run.outcome).toBeInstanceOf(Error);
    expect(await holdsKeys(run.image, pkg.current)).toBe(true);
    expect(await holdsKeys(run.image, pkg.next)).toBe(false);
  });

  it('is new when pulled after PUT KEY', async () => {
    const run = await rekeyInReader(image, pkg, lastPutKey + 1);
    const retry = await rekeyInReader(run.image, await rekeyPackageFor(issuer, pkg.cardNumber));

    expect(run.outcome).toBeInstanceOf(Error);
    expect(await holdsKeys(run.image, pkg.next)).toBe(true);
    expect(await holdsKeys(run.image, pkg.current)).toBe(false);
    expect((retry.outcome as RekeyResult).alreadyRekeyed).toBe(true);
    expect((retry.outcome as RekeyResult).certificate.equals(pkg.certificate)).toBe(true);
  });
});
