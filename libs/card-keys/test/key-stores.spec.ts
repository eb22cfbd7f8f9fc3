import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as pkcs11js from 'pkcs11js';

import {
  aesCmac,
  cardKeyFixedInput,
  kdfCounterModeAesCmac,
  keyLabel,
  Pkcs11KeyStore,
  SoftwareKeyStore,
  verifyEs256,
  type KeyPurpose,
} from '../src';
import { acquireModule, releaseModule } from '../src/pkcs11/pkcs11-module';
import { createSoftHsmToken, type SoftHsmToken } from './support/softhsm';

const CARD = '9760000000012348';

function randomMasters(): Record<KeyPurpose, Buffer> {
  return { auth: randomBytes(16), enc: randomBytes(16), mac: randomBytes(16) };
}

describe('SoftwareKeyStore', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'bitaqa-keys-'));
  });

  afterAll(() => rm(directory, { force: true, recursive: true }));

  it('derives card keys with the SP 800-108 KDF', async () => {
    const store = await SoftwareKeyStore.open();
    const masters = randomMasters();

    await store.importMasterKeys(3, masters);

    const keys = await store.deriveCardKeys(CARD, 3);
    const expected = kdfCounterModeAesCmac(masters.mac, {
      counterBits: 32,
      fixedInput: cardKeyFixedInput('mac', CARD, 3),
      lengthBits: 128,
    });

    expect(keys.mac.equals(expected)).toBe(true);
    expect(keys.enc.equals(keys.mac)).toBe(false);
    expect(keys.keyVersion).toBe(3);
  });

  it('gives other cards and versions other keys', async () => {
    const store = await SoftwareKeyStore.open();

    await store.ensureVersionKeys(1);
    await store.ensureVersionKeys(2);

    const first = await store.deriveCardKeys(CARD, 1);
    const again = await store.deriveCardKeys(CARD, 1);
    const otherCard = await store.deriveCardKeys('9760000000012355', 1);
    const otherVersion = await store.deriveCardKeys(CARD, 2);

    expect(again.enc.equals(first.enc)).toBe(true);
    expect(otherCard.enc.equals(first.enc)).toBe(false);
    expect(otherVersion.enc.equals(first.enc)).toBe(false);
  });

  it('keeps keys in the key file across restarts', async () => {
    const keyFile = join(directory, 'keys.json');
    const first = await SoftwareKeyStore.open({ keyFile });

    await first.ensureVersionKeys(1);

    const keys = await first.deriveCardKeys(CARD, 1);
    const publicKey = await first.issuerPublicKey(1);
    const second = await SoftwareKeyStore.open({ keyFile });

    expect((await second.deriveCardKeys(CARD, 1)).auth.equals(keys.auth)).toBe(true);
    expect((await second.issuerPublicKey(1)).equals(publicKey)).toBe(true);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
  });

  it('rejects a corrupt key file', async () => {
    const keyFile = join(directory, 'corrupt.json');
    const store = await SoftwareKeyStore.open({ keyFile });

    await store.ensureVersionKeys(1);

    const text = await readFile(keyFile, 'utf8');

    await import('node:fs/promises').then((fs) => fs.writeFile(keyFile, text.slice(0, 40)));
    await expect(SoftwareKeyStore.open({ keyFile })).rejects.toMatchObject({
      code: 'KEY_STORE_FAILED',
    });
  });

  it('rejects a version without keys', async () => {
    const store = await SoftwareKeyStore.open();

    await expect(store.deriveCardKeys(CARD, 9)).rejects.toMatchObject({ code: 'KEY_NOT_FOUND' });
    await expect(store.issuerPublicKey(9)).rejects.toMatchObject({ code: 'KEY_NOT_FOUND' });
    expect(await store.hasVersionKeys(9)).toBe(false);
  });
});

describe('Pkcs11KeyStore on SoftHSM2', () => {
  let token: SoftHsmToken;
  let pinToken: SoftHsmToken;
  let store: Pkcs11KeyStore;

  beforeAll(async () => {
    // SoftHSM lists only the tokens that existed at C_Initialize, so create both first.
    token = createSoftHsmToken('bitaqa-test');
    pinToken = createSoftHsmToken('bitaqa-pin');
    store = await Pkcs11KeyStore.open({
      modulePath: token.modulePath,
      pin: token.pin,
      tokenLabel: token.label,
    });
  });

  afterAll(() => store?.close());

  it('derives the same card keys as the software store', async () => {
    const masters = randomMasters();
    const software = await SoftwareKeyStore.open();

    await software.importMasterKeys(7, masters);
    await store.importMasterKeys(7, masters);

    for (const card of [CARD, '9760000000012355', '9760999999999990']) {
      const inToken = await store.deriveCardKeys(card, 7);
      const inSoftware = await software.deriveCardKeys(card, 7);

      expect(inToken.enc.toString('hex')).toBe(inSoftware.enc.toString('hex'));
      expect(inToken.mac.toString('hex')).toBe(inSoftware.mac.toString('hex'));
      expect(inToken.auth.toString('hex')).toBe(inSoftware.auth.toString('hex'));
    }
  });

  it('computes RFC 4493 CMAC inside the token', async () => {
    const key = Buffer.from('2b7e151628aed2a6abf7158809cf4f3c', 'hex');

    await store.importMasterKeys(8, { auth: key, enc: randomBytes(16), mac: randomBytes(16) });

    const fixed = cardKeyFixedInput('auth', CARD, 8);
    const keys = await store.deriveCardKeys(CARD, 8);
    const block = Buffer.concat([Buffer.from([0, 0, 0, 1]), fixed]);

    expect(keys.auth.equals(aesCmac(key, block))).toBe(true);
  });

  it('generates non-extractable master keys', async () => {
    await store.ensureVersionKeys(1);

    const attributes = await store.masterKeyAttributes(1, 'enc');

    expect(attributes.extractable).toBe(false);
    expect(attributes.neverExtractable).toBe(true);
    expect(attributes.sensitive).toBe(true);
    expect(attributes.alwaysSensitive).toBe(true);
    expect(await store.hasVersionKeys(1)).toBe(true);
  });

  it('refuses to reveal a master key value', async () => {
    await store.ensureVersionKeys(1);

    // A second client on the same token reads the key object like any application could.
    const module = acquireModule(token.modulePath);
    const slot = module
      .C_GetSlotList(true)
      .find((candidate) => module.C_GetTokenInfo(candidate).label.trim() === token.label)!;
    const session = module.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);

    try {
      module.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_LABEL, value: keyLabel(1, 'mac') }]);

      const [handle] = module.C_FindObjects(session, 1);

      module.C_FindObjectsFinal(session);
      expect(handle).toBeDefined();
      expect(() =>
        module.C_GetAttributeValue(session, handle!, [{ type: pkcs11js.CKA_VALUE }]),
      ).toThrow(/CKR_ATTRIBUTE_SENSITIVE/);
      expect(() =>
        module.C_SetAttributeValue(session, handle!, [
          { type: pkcs11js.CKA_EXTRACTABLE, value: true },
        ]),
      ).toThrow(/CKR_/);
    } finally {
      module.C_CloseSession(session);
      releaseModule(token.modulePath);
    }
  });

  it('signs with the issuer key in the token', async () => {
    await store.ensureVersionKeys(1);

    const data = Buffer.from('card certificate body');
    const signature = await store.signWithIssuerKey(1, data);
    const publicKey = await store.issuerPublicKey(1);

    expect(signature).toHaveLength(64);
    expect(verifyEs256(publicKey, data, signature)).toBe(true);
    expect(verifyEs256(publicKey, Buffer.from('other body'), signature)).toBe(false);
  });

  it('keeps the keys of a version when ensured twice', async () => {
    await store.ensureVersionKeys(2);

    const before = await store.deriveCardKeys(CARD, 2);
    const publicKey = await store.issuerPublicKey(2);

    await store.ensureVersionKeys(2);

    expect((await store.deriveCardKeys(CARD, 2)).enc.equals(before.enc)).toBe(true);
    expect((await store.issuerPublicKey(2)).equals(publicKey)).toBe(true);
  });

  it('never replaces an existing master key', async () => {
    await store.ensureVersionKeys(3);

    await expect(store.importMasterKeys(3, randomMasters())).rejects.toThrow(/exists already/);
  });

  it('keeps keys after reopening the token', async () => {
    await store.ensureVersionKeys(4);

    const keys = await store.deriveCardKeys(CARD, 4);
    const reopened = await Pkcs11KeyStore.open({
      modulePath: token.modulePath,
      pin: token.pin,
      tokenLabel: token.label,
    });

    try {
      expect((await reopened.deriveCardKeys(CARD, 4)).mac.equals(keys.mac)).toBe(true);
    } finally {
      await reopened.close();
    }
  });

  it('rejects a missing version', async () => {
    await expect(store.deriveCardKeys(CARD, 99)).rejects.toMatchObject({ code: 'KEY_NOT_FOUND' });
    await expect(store.signWithIssuerKey(99, Buffer.alloc(1))).rejects.toMatchObject({
      code: 'KEY_NOT_FOUND',
    });
  });

  it('rejects a wrong PIN', async () => {
    const open = Pkcs11KeyStore.open({
      modulePath: pinToken.modulePath,
      pin: '000000',
      tokenLabel: pinToken.label,
    });

    await expect(open).rejects.toThrow(/CKR_PIN_INCORRECT/);
  });

  it('rejects an unknown token label', async () => {
    const open = Pkcs11KeyStore.open({
      modulePath: token.modulePath,
      pin: token.pin,
      tokenLabel: 'no-such-token',
    });

    await expect(open).rejects.toMatchObject({ code: 'KEY_NOT_FOUND' });
  });
});
