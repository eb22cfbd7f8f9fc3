import { createPrivateKey, randomUUID } from 'node:crypto';

import {
  acquireVpcdLock,
  ApduError,
  CardCommands,
  createBlankCardImage,
  ensurePcscd,
  insertCard,
  LocalCardTransport,
  openSecureChannel,
  PcscClient,
  personalizeCard,
  PUT_KEY_INS,
  rekeyCard,
  StatusWord,
  vpcdReaderName,
  writeCardSecrets,
  type CardImage,
  type InsertedCard,
  type PcscCardConnection,
  type PcscdHandle,
  type RekeyPackage,
  type RekeyResult,
  type StaticCardKeys,
} from '@bitaqa/card';
import { verifyIssuerCertificate } from '@bitaqa/card-keys';
import {
  CardRekeyed,
  IdentityUpdated,
  KeyVersionRetired,
  KeyVersionRetiring,
  KeyVersionStarted,
  PersonalizationCompleted,
  Topics,
} from '@bitaqa/contracts';
import type { ErrorBody } from '@bitaqa/http';
import { waitFor } from '@bitaqa/testing';

import { AuthorityScopes } from '../src/auth/scopes';
import type { KeyVersionCardsView } from '../src/keys/key-version-cards';
import type { KeyVersionView } from '../src/keys/key-version';
import type { PersonalizationSecretsView } from '../src/personalization/personalization-secrets';
import type { CardRekeyView } from '../src/rekey/card-rekey';
import type { CardKeysView, RekeyPackageView } from '../src/rekey/rekey-package';

import { completedResult, headIdentity } from './support/builders';
import { authorityAuthorization, Harness, type HttpResult } from './support/harness';
import { waitForCardOf, waitForCardStatus } from './support/queries';

const SLOT = vpcdReaderName(0);
const VPCD_PORT = Number(process.env['VPCD_PORT'] ?? 35963);

/** A card the authority issued under version 1, with its image as the emulator stores it. */
interface FieldCard {
  cardNumber: string;
  image: CardImage;
}

function toKeys(view: CardKeysView): StaticCardKeys {
  return {
    auth: Buffer.from(view.auth, 'base64'),
    enc: Buffer.from(view.enc, 'base64'),
    keyVersion: view.keyVersion,
    mac: Buffer.from(view.mac, 'base64'),
  };
}

/** Decodes the package as the reader gateway does before it runs `rekeyCard`. */
function toRekeyPackage(view: RekeyPackageView): RekeyPackage {
  return {
    cardNumber: view.cardNumber,
    certificate: Buffer.from(view.certificate, 'base64'),
    current: toKeys(view.current),
    issuerCertificate: Buffer.from(view.issuerCertificate, 'base64'),
    next: toKeys(view.next),
    signingKey: createPrivateKey({
      format: 'der',
      key: Buffer.from(view.signingKey, 'base64'),
      type: 'pkcs8',
    }),
  };
}

/** Returns true when the card image opens a secure channel with `keys`. */
async function holdsKeys(image: CardImage, keys: StaticCardKeys): Promise<boolean> {
  const card = new LocalCardTransport(image);

  await card.transmit(CardCommands.selectApplication());

  try {
    await openSecureChannel(card, keys);

    return true;
  } catch (error) {
    if (
      error instanceof ApduError &&
      error.details['sw'] === StatusWord.REFERENCED_DATA_NOT_FOUND
    ) {
      return false;
    }

    throw error;
  }
}

describe('card re-keying', () => {
  const client = new PcscClient({ transmitTimeoutMs: 5000 });
  let harness: Harness;
  let pcscd: PcscdHandle | undefined;
  let releaseVpcd: (() => void) | undefined;
  let readerToken: string;
  const fieldCards: FieldCard[] = [];

  /** Calls the authority as a reader gateway, which holds only the personalize scope. */
  function asReader<Body>(path: string, body?: unknown): Promise<HttpResult<Body>> {
    return harness.http<Body>('POST', path, body, readerToken);
  }

  /** Issues a card under the active version and personalizes an emulated card with its keys. */
  async function issueFieldCard(): Promise<FieldCard> {
    const head = headIdentity();
    await harness.publish(IdentityUpdated, head);
    const queued = await waitForCardOf(harness, head.nationalNumber, 'queued');
    const job = { cardNumber: queued.cardNumber, jobId: String(queued.currentJobId) };
    const secrets = await asReader<PersonalizationSecretsView>(
      `/personalization/jobs/${job.jobId}/secrets`,
    );

    expect(secrets.status).toBe(200);

    const card = new LocalCardTransport(createBlankCardImage());
    await card.transmit(CardCommands.selectApplication());
    await writeCardSecrets(card, {
      certificate: Buffer.from(secrets.body.certificate, 'base64'),
      keys: toKeys({ ...secrets.body.cardKeys, keyVersion: secrets.body.keyVersion }),
      signingKey: createPrivateKey({
        format: 'der',
        key: Buffer.from(secrets.body.signingKey, 'base64'),
        type: 'pkcs8',
      }),
    });
    await personalizeCard(card, {
      cardNumber: job.cardNumber,
      expiryDate: queued.expiryDate,
      holder: {
        arabicName: {
          family: head.familyNameAr,
          father: head.fatherNameAr,
          given: head.givenNameAr,
        },
        birthDate: head.birthDate,
        familyId: head.familyId,
        governoratePcode: head.governorate,
        latinName: { family: head.familyNameLatin, given: head.givenNameLatin },
        nationalNumber: head.nationalNumber,
        sex: head.sex,
      },
    });
    await harness.publish(PersonalizationCompleted, completedResult(job));
    await waitForCardStatus(harness, job.cardNumber, 'issued');

    return { cardNumber: job.cardNumber, image: card.application.toImage() };
  }

  /** Inserts the image into the vpcd slot and connects to it through pcscd. */
  async function insert(
    image: CardImage,
    removeAtApdu?: number,
  ): Promise<{ connection: PcscCardConnection; inserted: InsertedCard }> {
    const inserted = await insertCard(image, { port: VPCD_PORT, removeAtApdu });
    // A card left in the slot blocks vpcd for every later suite, so it leaves on any failure.
    const connection = await client
      .connectWhenPresent(SLOT, { timeoutMs: 5000 })
      .catch(async (error: unknown) => {
        await inserted.remove();
        throw error;
      });

    return { connection, inserted };
  }

  /** Removes the card and waits until pcscd reports the slot empty; returns the card's image. */
  async function pull(inserted: InsertedCard, connection: PcscCardConnection): Promise<CardImage> {
    try {
      connection.disconnect();
    } catch {
      // The card left the reader already.
    }

    const image = await inserted.remove();

    await waitFor('vpcd slot empty', () => (client.isCardPresent(SLOT) ? undefined : true));

    return image;
  }

  /** Re-keys the card through pcscd; returns the result or the error, and the final image. */
  async function rekeyInReader(image: CardImage, pkg: RekeyPackage, removeAtApdu?: number) {
    const { connection, inserted } = await insert(image, removeAtApdu);
    const putKeyApdus: number[] = [];

    inserted.on('apdu', ({ command }) => {
      if (command[1] === PUT_KEY_INS) putKeyApdus.push(inserted.apduCount);
    });

    const outcome: RekeyResult | Error = await rekeyCard(connection, pkg).catch((error: unknown) =>
      error instanceof Error ? error : new Error(String(error)),
    );

    return { image: await pull(inserted, connection), outcome, putKeyApdus };
  }

  async function cardsOn(version: number): Promise<KeyVersionCardsView> {
    const { body, status } = await harness.http<KeyVersionCardsView>(
      'GET',
      `/keys/versions/${version}/cards`,
    );

    expect(status).toBe(200);

    return body;
  }

  async function packageFor(cardNumber: string): Promise<RekeyPackageView> {
    const { body, status } = await asReader<RekeyPackageView>(`/cards/${cardNumber}/rekeys`);

    expect(status).toBe(201);

    return body;
  }

  beforeAll(async () => {
    // Other suites put cards into the same vpcd slots; the lock keeps their cards out of ours.
    // It waits up to 15 minutes for a suite that holds it.
    releaseVpcd = await acquireVpcdLock();
  }, 16 * 60_000);

  beforeAll(async () => {
    pcscd = await ensurePcscd({ port: VPCD_PORT });
    harness = await Harness.start('rekey');
    readerToken = await authorityAuthorization([AuthorityScopes.personalize], 'reader-gateway-1');

    for (let index = 0; index < 4; index++) fieldCards.push(await issueFieldCard());

    const started = await harness.http<KeyVersionView>('POST', '/keys/versions', {});

    expect(started.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
    await pcscd?.stop();
    releaseVpcd?.();
  });

  it('publishes key version changes', async () => {
    const records = await harness.readPublished(Topics.authorityKeyVersions);
    const summary = records.map((record) => [record.key, record.type, record.data['status']]);

    expect(summary).toEqual(
      expect.arrayContaining([
        ['1', KeyVersionStarted.type, 'active'],
        ['1', KeyVersionRetiring.type, 'retiring'],
        ['2', KeyVersionStarted.type, 'active'],
      ]),
    );
    expect(records).toHaveLength(3);

    const started = records.find((record) => record.key === '2')!;
    const issuer = verifyIssuerCertificate(
      Buffer.from(String(started.data['issuerCertificate']), 'base64'),
    );

    expect(issuer.keyVersion).toBe(2);
    expect(started.data['issuerReference']).toBe('SY-BITAQA-K0002');
    expect(records.find((record) => record.type === KeyVersionRetiring.type)?.data).toMatchObject({
      cardsRemaining: 4,
      reason: null,
      version: 1,
    });
  });

  it('lists the cards on a version', async () => {
    const onFirst = await cardsOn(1);
    const page = await harness.http<KeyVersionCardsView>('GET', '/keys/versions/1/cards?limit=3');
    const rest = await harness.http<KeyVersionCardsView>(
      'GET',
      `/keys/versions/1/cards?limit=3&after=${page.body.nextAfter}`,
    );

    expect(onFirst.count).toBe(4);
    expect(onFirst.cards.map((card) => card.cardNumber).sort()).toEqual(
      fieldCards.map((card) => card.cardNumber).sort(),
    );
    expect(onFirst.cards.every((card) => card.status === 'issued')).toBe(true);
    expect(page.body.cards).toHaveLength(3);
    expect(rest.body.cards).toHaveLength(1);
    expect(rest.body.nextAfter).toBeNull();
    expect((await cardsOn(2)).count).toBe(0);
  });

  it('re-keys a card through pcscd', async () => {
    const card = fieldCards[0]!;
    const view = await packageFor(card.cardNumber);
    const { image, outcome } = await rekeyInReader(card.image, toRekeyPackage(view));

    if (outcome instanceof Error) throw outcome;

    const report = await asReader<CardRekeyView>(
      `/cards/${card.cardNumber}/rekeys/${view.rekeyId}/complete`,
      { certificate: outcome.certificate.toString('base64') },
    );
    const stored = await harness.prisma.cardCertificate.findUniqueOrThrow({
      where: { cardNumber_keyVersion: { cardNumber: card.cardNumber, keyVersion: 2 } },
    });
    const events = await harness.readPublished(Topics.authorityCards);
    const rekeyed = events.filter((event) => event.type === CardRekeyed.type);

    expect(view.current.keyVersion).toBe(1);
    expect(view.next.keyVersion).toBe(2);
    expect(outcome.alreadyRekeyed).toBe(false);
    expect(await holdsKeys(image, toKeys(view.next))).toBe(true);
    expect(await holdsKeys(image, toKeys(view.current))).toBe(false);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ fromVersion: 1, status: 'completed', toVersion: 2 });
    expect(Buffer.from(stored.certificate).equals(outcome.certificate)).toBe(true);
    expect(rekeyed).toHaveLength(1);
    expect(rekeyed[0]).toMatchObject({
      data: {
        cardNumber: card.cardNumber,
        fromKeyVersion: 1,
        rekeyId: view.rekeyId,
        toKeyVersion: 2,
      },
      key: card.cardNumber,
    });
    expect((await cardsOn(2)).cards.map((onCard) => onCard.cardNumber)).toEqual([card.cardNumber]);
  });

  it('keeps a card pulled before PUT KEY old', async () => {
    const card = fieldCards[1]!;
    const dryRun = await rekeyInReader(
      card.image,
      toRekeyPackage(await packageFor(card.cardNumber)),
    );
    const lastPutKey = dryRun.putKeyApdus.at(-1)!;
    const view = await packageFor(card.cardNumber);
    const pulled = await rekeyInReader(card.image, toRekeyPackage(view), lastPutKey);
    const report = await asReader<CardRekeyView>(
      `/cards/${card.cardNumber}/rekeys/${view.rekeyId}/fail`,
      { reason: 'CARD_REMOVED during PUT KEY' },
    );

    expect(dryRun.putKeyApdus).toHaveLength(2);
    expect(pulled.outcome).toBeInstanceOf(Error);
    expect(await holdsKeys(pulled.image, toKeys(view.current))).toBe(true);
    expect(await holdsKeys(pulled.image, toKeys(view.next))).toBe(false);
    expect(report.body).toMatchObject({
      failureReason: 'CARD_REMOVED during PUT KEY',
      status: 'failed',
    });
    expect((await cardsOn(1)).cards.map((onCard) => onCard.cardNumber)).toContain(card.cardNumber);
  });

  it('proves a card pulled after PUT KEY', async () => {
    const card = fieldCards[2]!;
    const dryRun = await rekeyInReader(
      card.image,
      toRekeyPackage(await packageFor(card.cardNumber)),
    );
    const afterPutKey = dryRun.putKeyApdus.at(-1)! + 1;
    const first = await packageFor(card.cardNumber);
    const pulled = await rekeyInReader(card.image, toRekeyPackage(first), afterPutKey);
    const retry = await packageFor(card.cardNumber);
    const proven = await rekeyInReader(pulled.image, toRekeyPackage(retry));

    if (proven.outcome instanceof Error) throw proven.outcome;

    const superseded = await asReader<ErrorBody>(
      `/cards/${card.cardNumber}/rekeys/${first.rekeyId}/complete`,
      { certificate: first.certificate },
    );
    const report = await asReader<CardRekeyView>(
      `/cards/${card.cardNumber}/rekeys/${retry.rekeyId}/complete`,
      { certificate: proven.outcome.certificate.toString('base64') },
    );

    expect(pulled.outcome).toBeInstanceOf(Error);
    expect(await holdsKeys(pulled.image, toKeys(first.next))).toBe(true);
    expect(await holdsKeys(pulled.image, toKeys(first.current))).toBe(false);
    expect(proven.outcome.alreadyRekeyed).toBe(true);
    expect(proven.outcome.certificate.toString('base64')).toBe(first.certificate);
    expect(proven.putKeyApdus).toHaveLength(0);
    expect(superseded.status).toBe(409);
    expect(superseded.body.error.code).toBe('REKEY_FINISHED');
    expect(report.status).toBe(200);
    expect((await cardsOn(2)).cards.map((onCard) => onCard.cardNumber)).toContain(card.cardNumber);
  });

  it('rejects a card on the active version', async () => {
    const { body, status } = await asReader<ErrorBody>(
      `/cards/${fieldCards[0]!.cardNumber}/rekeys`,
    );

    expect(status).toBe(409);
    expect(body.error.code).toBe('CARD_ON_ACTIVE_KEY_VERSION');
  });

  it('needs the personalize scope', async () => {
    const officer = await authorityAuthorization([AuthorityScopes.officer]);
    const { status } = await harness.http<ErrorBody>(
      'POST',
      `/cards/${fieldCards[3]!.cardNumber}/rekeys`,
      undefined,
      officer,
    );

    expect(status).toBe(403);
  });

  it('rejects a certificate of another card', async () => {
    const card = fieldCards[3]!;
    const view = await packageFor(card.cardNumber);
    const other = await harness.prisma.cardCertificate.findUniqueOrThrow({
      where: { cardNumber_keyVersion: { cardNumber: fieldCards[0]!.cardNumber, keyVersion: 2 } },
    });
    const { body, status } = await asReader<ErrorBody>(
      `/cards/${card.cardNumber}/rekeys/${view.rekeyId}/complete`,
      { certificate: Buffer.from(other.certificate).toString('base64') },
    );

    expect(status).toBe(422);
    expect(body.error.code).toBe('CERTIFICATE_INVALID');
  });

  it('retires a version with cards only by force', async () => {
    const refused = await harness.http<ErrorBody>('POST', '/keys/versions/1/retire');
    const noReason = await harness.http<ErrorBody>('POST', '/keys/versions/1/retire', {
      force: true,
    });
    const forced = await harness.http<KeyVersionView>('POST', '/keys/versions/1/retire', {
      force: true,
      reason: 'two cards reported destroyed in the flood',
    });
    const audit = await harness.prisma.keyVersionEvent.findMany({
      orderBy: { id: 'asc' },
      where: { version: 1 },
    });
    const records = await harness.readPublished(Topics.authorityKeyVersions);
    const retired = records.find((record) => record.type === KeyVersionRetired.type);
    const late = await asReader<ErrorBody>(`/cards/${fieldCards[1]!.cardNumber}/rekeys`);

    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('KEY_VERSION_HAS_CARDS');
    expect(noReason.status).toBe(400);
    expect(forced.status).toBe(200);
    expect(forced.body.status).toBe('retired');
    expect(audit.map((event) => event.action)).toEqual(['started', 'retiring', 'retired']);
    expect(audit[2]).toMatchObject({
      actor: 'test-officer',
      cardsRemaining: 2,
      forced: true,
      reason: 'two cards reported destroyed in the flood',
    });
    expect(retired?.data).toMatchObject({ cardsRemaining: 2, status: 'retired', version: 1 });
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('KEY_VERSION_RETIRED');
  });

  it('rejects retiring the active version with cards', async () => {
    const { body, status } = await harness.http<ErrorBody>('POST', '/keys/versions', {
      previous: 'retired',
    });
    const versions = await harness.http<KeyVersionView[]>('GET', '/keys/versions');

    expect(status).toBe(409);
    expect(body.error.code).toBe('KEY_VERSION_HAS_CARDS');
    expect(body.error.value).toBe(2);
    expect(versions.body.map((version) => version.status)).toEqual(['active', 'retired']);
  });

  it('validates re-key requests', async () => {
    const card = fieldCards[3]!.cardNumber;
    const badId = await asReader<ErrorBody>(`/cards/${card}/rekeys/not-a-uuid/fail`, {
      reason: 'gave up',
    });
    const badCertificate = await asReader<ErrorBody>(
      `/cards/${card}/rekeys/${randomUUID()}/complete`,
      { certificate: '***' },
    );
    const unknown = await asReader<ErrorBody>(`/cards/${card}/rekeys/${randomUUID()}/fail`, {
      reason: 'gave up',
    });
    const badLimit = await harness.http<ErrorBody>('GET', '/keys/versions/2/cards?limit=0');

    expect(badId.status).toBe(400);
    expect(badCertificate.status).toBe(400);
    expect(badCertificate.body.error.field).toBe('certificate');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('REKEY_NOT_FOUND');
    expect(badLimit.status).toBe(400);
  });
});
