import {
  CardKeyError,
  generateP256KeyPair,
  issueCardCertificate,
  issueIssuerCertificate,
  parseCertificate,
  SoftwareKeyStore,
  verifyCardCertificate,
  verifyIssuerCertificate,
  type KeyStore,
} from '../src';

const CARD = '9760000000012348';
const NOW = new Date('2027-03-01T12:00:00Z');

async function issuerCertificate(store: KeyStore, keyVersion: number): Promise<Buffer> {
  return issueIssuerCertificate(
    {
      keyVersion,
      notAfter: '2036-12-31',
      notBefore: '2026-12-01',
      publicKey: await store.issuerPublicKey(keyVersion),
    },
    (version, data) => store.signWithIssuerKey(version, data),
  );
}

function cardCertificate(
  store: KeyStore,
  overrides: { keyVersion?: number; notAfter?: string; notBefore?: string } = {},
): Promise<Buffer> {
  return issueCardCertificate(
    {
      cardNumber: CARD,
      keyVersion: overrides.keyVersion ?? 1,
      notAfter: overrides.notAfter ?? '2031-11-30',
      notBefore: overrides.notBefore ?? '2026-12-01',
      publicKey: generateP256KeyPair().publicPoint,
    },
    (version, data) => store.signWithIssuerKey(version, data),
  );
}

function errorCode(check: () => unknown): string | undefined {
  try {
    check();
  } catch (error) {
    return error instanceof CardKeyError ? error.code : `not a CardKeyError: ${String(error)}`;
  }

  return undefined;
}

describe('card certificates', () => {
  let store: SoftwareKeyStore;
  let issuer: Buffer;

  beforeAll(async () => {
    store = await SoftwareKeyStore.open();
    await store.ensureVersionKeys(1);
    await store.ensureVersionKeys(2);
    issuer = await issuerCertificate(store, 1);
  });

  afterAll(() => store.close());

  it('verifies a card certificate', async () => {
    const certificate = await cardCertificate(store);
    const verified = verifyCardCertificate(certificate, issuer, { cardNumber: CARD, now: NOW });

    expect(verified.holderReference).toBe(CARD);
    expect(verified.issuerReference).toBe('SY-BITAQA-K0001');
    expect(verified.keyVersion).toBe(1);
    expect(verified.notAfter).toBe('2031-11-30');
    expect(certificate.length).toBeLessThan(256);
  });

  it('round-trips every field through parse', async () => {
    const card = generateP256KeyPair();
    const certificate = await issueCardCertificate(
      {
        cardNumber: CARD,
        keyVersion: 2,
        notAfter: '2031-01-31',
        notBefore: '2026-02-01',
        publicKey: card.publicPoint,
      },
      (version, data) => store.signWithIssuerKey(version, data),
    );
    const parsed = parseCertificate(certificate);

    expect(parsed.role).toBe('card');
    expect(parsed.keyVersion).toBe(2);
    expect(parsed.notBefore).toBe('2026-02-01');
    expect(parsed.publicKey.equals(card.publicPoint)).toBe(true);
  });

  it('rejects a tampered certificate', async () => {
    const certificate = await cardCertificate(store);
    const holderAt = certificate.indexOf(Buffer.from(CARD, 'ascii'));
    const tampered = Buffer.from(certificate);

    tampered[holderAt + 15] = '9'.charCodeAt(0);

    expect(errorCode(() => verifyCardCertificate(tampered, issuer, { now: NOW }))).toBe(
      'CERTIFICATE_SIGNATURE_INVALID',
    );
  });

  it('rejects a flipped signature bit', async () => {
    const certificate = await cardCertificate(store);
    const tampered = Buffer.from(certificate);

    tampered[tampered.length - 1] = tampered[tampered.length - 1]! ^ 0x01;

    expect(errorCode(() => verifyCardCertificate(tampered, issuer, { now: NOW }))).toBe(
      'CERTIFICATE_SIGNATURE_INVALID',
    );
  });

  it('rejects an expired certificate', async () => {
    const certificate = await cardCertificate(store, { notAfter: '2027-02-28' });

    expect(errorCode(() => verifyCardCertificate(certificate, issuer, { now: NOW }))).toBe(
      'CERTIFICATE_EXPIRED',
    );
  });

  it('accepts the last day of validity', async () => {
    const certificate = await cardCertificate(store, { notAfter: '2027-03-01' });

    expect(
      errorCode(() => verifyCardCertificate(certificate, issuer, { now: NOW })),
    ).toBeUndefined();
  });

  it('rejects a certificate not yet valid', async () => {
    const certificate = await cardCertificate(store, { notBefore: '2027-03-02' });

    expect(errorCode(() => verifyCardCertificate(certificate, issuer, { now: NOW }))).toBe(
      'CERTIFICATE_NOT_YET_VALID',
    );
  });

  it('rejects a certificate signed by another key', async () => {
    const other = await SoftwareKeyStore.open();

    await other.ensureVersionKeys(1);

    const certificate = await cardCertificate(other);

    expect(errorCode(() => verifyCardCertificate(certificate, issuer, { now: NOW }))).toBe(
      'CERTIFICATE_SIGNATURE_INVALID',
    );
    await other.close();
  });

  it('rejects a certificate of another key version', async () => {
    const certificate = await cardCertificate(store, { keyVersion: 2 });

    expect(errorCode(() => verifyCardCertificate(certificate, issuer, { now: NOW }))).toBe(
      'CERTIFICATE_ISSUER_MISMATCH',
    );
  });

  it('rejects a certificate for another card', async () => {
    const certificate = await cardCertificate(store);
    const check = (): unknown =>
      verifyCardCertificate(certificate, issuer, { cardNumber: '9760000000012355', now: NOW });

    expect(errorCode(check)).toBe('CERTIFICATE_HOLDER_MISMATCH');
  });

  it('rejects a card certificate given as issuer', async () => {
    const certificate = await cardCertificate(store);

    expect(errorCode(() => verifyIssuerCertificate(certificate, { now: NOW }))).toBe(
      'CERTIFICATE_ISSUER_MISMATCH',
    );
  });

  it('rejects an expired issuer certificate', async () => {
    const certificate = await cardCertificate(store);
    const later = new Date('2037-01-01T00:00:00Z');

    expect(errorCode(() => verifyCardCertificate(certificate, issuer, { now: later }))).toBe(
      'CERTIFICATE_EXPIRED',
    );
  });

  it('rejects truncated and padded bytes as malformed', async () => {
    const certificate = await cardCertificate(store);

    expect(errorCode(() => parseCertificate(certificate.subarray(0, 100)))).toBe(
      'CERTIFICATE_MALFORMED',
    );
    expect(errorCode(() => parseCertificate(Buffer.concat([certificate, Buffer.from([0])])))).toBe(
      'CERTIFICATE_MALFORMED',
    );
    expect(errorCode(() => parseCertificate(Buffer.alloc(0)))).toBe('CERTIFICATE_MALFORMED');
  });

  it('rejects validity that ends before it starts', async () => {
    const issue = cardCertificate(store, { notAfter: '2026-11-30' });

    await expect(issue).rejects.toThrow(/before notBefore/);
  });

  it('rejects an impossible date', async () => {
    await expect(cardCertificate(store, { notAfter: '2031-02-30' })).rejects.toThrow(/YYYY-MM-DD/);
  });
});
