import { createPublicKey } from 'node:crypto';

import {
  parseCertificate,
  pointFromPublicKey,
  verifyCardCertificate,
  verifyIssuerCertificate,
} from '@bitaqa/card-keys';
import type { ErrorBody } from '@bitaqa/http';

import { CardKeysService } from '../src/keys/card-keys.service';
import type { IssuerCertificateView, KeyVersionView } from '../src/keys/key-version';
import { headIdentity } from './support/builders';
import { Harness } from './support/harness';

const VALIDITY = { notAfter: '2031-12-31', notBefore: '2026-12-01' };
const DURING_VALIDITY = new Date('2027-06-01T00:00:00Z');

describe('key versions', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await Harness.start('keys');
  });

  afterAll(async () => {
    await harness?.close();
  });

  function cardKeys(): CardKeysService {
    return harness.running.app.get(CardKeysService);
  }

  async function createCard(): Promise<string> {
    const card = await harness.prisma.$transaction((tx) =>
      harness.lifecycle.createCard(
        tx,
        { familyId: null, nationalNumber: headIdentity().nationalNumber },
        'created by test',
      ),
    );

    return card.cardNumber;
  }

  async function issuer(version?: number): Promise<IssuerCertificateView> {
    const query = version === undefined ? '' : `?version=${version}`;
    const response = await harness.http<IssuerCertificateView>(
      'GET',
      `/keys/issuer-certificate${query}`,
    );

    expect(response.status).toBe(200);

    return response.body;
  }

  it('boot starts version 1', async () => {
    const { body, status } = await harness.http<KeyVersionView[]>('GET', '/keys/versions');

    expect(status).toBe(200);
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({
      issuerReference: 'SY-BITAQA-K0001',
      retiredAt: null,
      retiringAt: null,
      status: 'active',
      version: 1,
    });
  });

  it('publishes a verifiable issuer certificate', async () => {
    const view = await issuer();
    const verified = verifyIssuerCertificate(Buffer.from(view.certificate, 'base64'));
    const pemPoint = pointFromPublicKey(createPublicKey(view.publicKeyPem));

    expect(view.version).toBe(1);
    expect(verified.holderReference).toBe('SY-BITAQA-K0001');
    expect(pemPoint.equals(verified.publicKey)).toBe(true);
    expect(verified.notAfter > '2040-01-01').toBe(true);
  });

  it('issues card credentials stations can verify', async () => {
    const cardNumber = await createCard();
    const credentials = await cardKeys().issueCredentials(cardNumber, VALIDITY);
    const issuerCertificate = Buffer.from((await issuer()).certificate, 'base64');
    const verified = verifyCardCertificate(credentials.certificate, issuerCertificate, {
      cardNumber,
      now: DURING_VALIDITY,
    });
    const stored = await harness.prisma.cardCertificate.findUniqueOrThrow({
      where: { cardNumber_keyVersion: { cardNumber, keyVersion: 1 } },
    });

    expect(verified.publicKey.equals(credentials.publicKey)).toBe(true);
    expect(Buffer.from(stored.publicKey).equals(credentials.publicKey)).toBe(true);
    expect(Buffer.from(stored.certificate).equals(credentials.certificate)).toBe(true);
    expect(credentials.keys.keyVersion).toBe(1);
    expect(credentials.keys.enc).toHaveLength(16);
  });

  it('derives the same card keys again', async () => {
    const cardNumber = await createCard();
    const first = await cardKeys().deriveCardKeys(cardNumber);
    const again = await cardKeys().deriveCardKeys(cardNumber, 1);

    expect(again.mac.equals(first.mac)).toBe(true);
    expect(again.enc.equals(first.mac)).toBe(false);
  });

  it('rejects a certificate outliving its issuer', async () => {
    const cardNumber = await createCard();
    const issue = cardKeys().issueCredentials(cardNumber, {
      notAfter: '2099-12-31',
      notBefore: '2026-12-01',
    });

    await expect(issue).rejects.toMatchObject({ code: 'CERTIFICATE_OUTLIVES_ISSUER' });
  });

  it('starts version 2 and re-keys cards', async () => {
    const cardNumber = await createCard();
    const before = await cardKeys().deriveCardKeys(cardNumber);
    const started = await harness.http<KeyVersionView>('POST', '/keys/versions', {});
    const versions = await harness.http<KeyVersionView[]>('GET', '/keys/versions');
    const after = await cardKeys().deriveCardKeys(cardNumber);

    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'active', version: 2 });
    expect(versions.body.map((version) => [version.version, version.status])).toEqual([
      [2, 'active'],
      [1, 'retiring'],
    ]);
    expect(versions.body[1]!.retiringAt).not.toBeNull();
    expect(after.keyVersion).toBe(2);
    expect(after.enc.equals(before.enc)).toBe(false);
    expect((await cardKeys().deriveCardKeys(cardNumber, 1)).enc.equals(before.enc)).toBe(true);
  });

  it('keeps old issuer certificates published', async () => {
    const first = parseCertificate(Buffer.from((await issuer(1)).certificate, 'base64'));
    const active = parseCertificate(Buffer.from((await issuer()).certificate, 'base64'));

    expect(first.keyVersion).toBe(1);
    expect(active.keyVersion).toBe(2);
    expect(active.publicKey.equals(first.publicKey)).toBe(false);
  });

  it('rejects cards of version 1 against issuer 2', async () => {
    const cardNumber = await createCard();
    const oldIssuer = Buffer.from((await issuer(1)).certificate, 'base64');
    const newIssuer = Buffer.from((await issuer(2)).certificate, 'base64');
    const credentials = await cardKeys().issueCredentials(cardNumber, VALIDITY);

    expect(credentials.keyVersion).toBe(2);
    expect(() =>
      verifyCardCertificate(credentials.certificate, oldIssuer, { now: DURING_VALIDITY }),
    ).toThrow(/key version 2/);
    expect(
      verifyCardCertificate(credentials.certificate, newIssuer, { now: DURING_VALIDITY })
        .holderReference,
    ).toBe(cardNumber);
  });

  it('retires a retiring version', async () => {
    const cardNumber = await createCard();
    const retired = await harness.http<KeyVersionView>('POST', '/keys/versions/1/retire');

    expect(retired.status).toBe(200);
    expect(retired.body.status).toBe('retired');
    expect(retired.body.retiredAt).not.toBeNull();
    await expect(cardKeys().deriveCardKeys(cardNumber, 1)).rejects.toMatchObject({
      code: 'KEY_VERSION_RETIRED',
    });
  });

  it('rejects retiring twice or the active version', async () => {
    const again = await harness.http<ErrorBody>('POST', '/keys/versions/1/retire');
    const active = await harness.http<ErrorBody>('POST', '/keys/versions/2/retire');

    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('KEY_VERSION_RETIRED');
    expect(active.status).toBe(409);
    expect(active.body.error.code).toBe('KEY_VERSION_ACTIVE');
    expect(active.body.error.hint).toMatch(/POST \/keys\/versions/);
  });

  it('starts version 3 retiring 2 at once', async () => {
    const started = await harness.http<KeyVersionView>('POST', '/keys/versions', {
      previous: 'retired',
    });
    const versions = await harness.http<KeyVersionView[]>('GET', '/keys/versions');

    expect(started.body.version).toBe(3);
    expect(versions.body.map((version) => version.status)).toEqual([
      'active',
      'retired',
      'retired',
    ]);
  });

  it('starts one version per concurrent request', async () => {
    const responses = await Promise.all([
      harness.http<KeyVersionView>('POST', '/keys/versions'),
      harness.http<KeyVersionView>('POST', '/keys/versions'),
    ]);
    const versions = await harness.http<KeyVersionView[]>('GET', '/keys/versions');

    expect(responses.map((response) => response.status)).toEqual([201, 201]);
    expect(responses.map((response) => response.body.version).sort()).toEqual([4, 5]);
    expect(versions.body.filter((version) => version.status === 'active')).toHaveLength(1);
  });

  it.each([
    ['/keys/versions', { previous: 'deleted' }, 'previous'],
    ['/keys/versions', { previous: 'retiring', extra: 1 }, 'extra'],
    ['/keys/versions/0/retire', undefined, ''],
    ['/keys/versions/abc/retire', undefined, ''],
  ])('POST %s rejects bad input', async (path, body, field) => {
    const response = await harness.http<ErrorBody>('POST', path, body);

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.field ?? '').toBe(field);
  });

  it('rejects unknown versions with 404', async () => {
    const certificate = await harness.http<ErrorBody>('GET', '/keys/issuer-certificate?version=77');
    const retire = await harness.http<ErrorBody>('POST', '/keys/versions/77/retire');

    expect(certificate.status).toBe(404);
    expect(certificate.body.error.code).toBe('KEY_VERSION_NOT_FOUND');
    expect(retire.status).toBe(404);
  });

  it('rejects a bad version query', async () => {
    const response = await harness.http<ErrorBody>('GET', '/keys/issuer-certificate?version=x');

    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('version');
  });
});
