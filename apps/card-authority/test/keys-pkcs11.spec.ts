import { randomUUID } from 'node:crypto';

import {
  initSoftHsmToken,
  Pkcs11KeyStore,
  SOFTHSM_MODULE,
  verifyCardCertificate,
} from '@bitaqa/card-keys';
import type { Logger } from '@bitaqa/observability';

import { CardKeysService } from '../src/keys/card-keys.service';
import { openKeyStore } from '../src/keys/key-store.provider';
import type { IssuerCertificateView, KeyVersionView } from '../src/keys/key-version';
import { headIdentity } from './support/builders';
import { Harness } from './support/harness';

const PIN = '246810';
const NOW = new Date('2027-06-01T00:00:00Z');

describe('key versions in a PKCS#11 token', () => {
  const label = `ca-${randomUUID().slice(0, 8)}`;
  const saved = { ...process.env };
  let harness: Harness;

  beforeAll(async () => {
    // The global setup of jest.config.js points SOFTHSM2_CONF at a temporary token directory.
    initSoftHsmToken(label, { pin: PIN, soPin: '135790' });
    Object.assign(process.env, {
      KEY_STORE: 'pkcs11',
      PKCS11_MODULE: SOFTHSM_MODULE,
      PKCS11_PIN: PIN,
      PKCS11_TOKEN_LABEL: label,
    });
    harness = await Harness.start('keys_pkcs11');
  });

  afterAll(async () => {
    await harness?.close();
    process.env = saved;
  });

  it('starts version 1 in the token', async () => {
    const versions = await harness.http<KeyVersionView[]>('GET', '/keys/versions');
    const token = await Pkcs11KeyStore.open({
      modulePath: SOFTHSM_MODULE,
      pin: PIN,
      tokenLabel: label,
    });

    try {
      const attributes = await token.masterKeyAttributes(1, 'enc');

      expect(versions.body.map((version) => version.version)).toEqual([1]);
      expect(await token.hasVersionKeys(1)).toBe(true);
      expect(attributes.extractable).toBe(false);
      expect(attributes.sensitive).toBe(true);
    } finally {
      await token.close();
    }
  });

  it('issues credentials signed in the token', async () => {
    const card = await harness.prisma.$transaction((tx) =>
      harness.lifecycle.createCard(
        tx,
        { familyId: null, nationalNumber: headIdentity().nationalNumber },
        'created by test',
      ),
    );
    const credentials = await harness.running.app
      .get(CardKeysService)
      .issueCredentials(card.cardNumber, { notAfter: '2031-12-31', notBefore: '2026-12-01' });
    const issuer = await harness.http<IssuerCertificateView>('GET', '/keys/issuer-certificate');
    const verified = verifyCardCertificate(
      credentials.certificate,
      Buffer.from(issuer.body.certificate, 'base64'),
      { cardNumber: card.cardNumber, now: NOW },
    );

    expect(verified.keyVersion).toBe(1);
  });

  it('derives keys another session derives too', async () => {
    const cardNumber = '9760000000012348';
    const fromApp = await harness.running.app.get(CardKeysService).deriveCardKeys(cardNumber);
    const token = await Pkcs11KeyStore.open({
      modulePath: SOFTHSM_MODULE,
      pin: PIN,
      tokenLabel: label,
    });

    try {
      const fromToken = await token.deriveCardKeys(cardNumber, 1);

      expect(fromToken.enc.equals(fromApp.enc)).toBe(true);
      expect(fromToken.auth.equals(fromApp.auth)).toBe(true);
    } finally {
      await token.close();
    }
  });

  it('never logs the PIN', async () => {
    const lines: unknown[] = [];
    const logger = {
      error: (...args: unknown[]) => lines.push(args),
      info: (...args: unknown[]) => lines.push(args),
      warn: (...args: unknown[]) => lines.push(args),
    } as unknown as Logger;
    const store = await openKeyStore(
      { kind: 'pkcs11', modulePath: SOFTHSM_MODULE, pin: PIN, tokenLabel: label },
      logger,
    );

    await store.close();

    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines)).toContain(label);
    expect(JSON.stringify(lines)).not.toContain(PIN);
  });
});
