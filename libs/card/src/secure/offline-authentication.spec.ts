import { randomBytes } from 'node:crypto';

import { generateP256KeyPair, issueCardCertificate, parseCertificate } from '@bitaqa/card-keys';

import { LocalCardTransport } from '../emulator/local-card-transport';
import { selectApplication } from '../personalization/card-files';
import {
  createTestIssuer,
  KEY_VERSION,
  secureCardImage,
  TestIssuer,
} from '../../test/support/secure-card';
import { readCardCertificate, signTransaction } from './card-secrets-io';
import { TrustAnchor } from './certificate-chain';
import {
  authenticateCardOffline,
  CardAuthenticationInput,
  CardSignatureHistory,
} from './offline-authentication';
import { CardSignatureError } from './secure-error';
import { decodeTransactionData, encodeTransactionData } from './transaction-data';

const NOW = new Date('2027-03-01T12:00:00Z');
const TRANSACTION = encodeTransactionData({
  productCode: 'gas-cylinder',
  quantity: 1,
  stationId: 'ST-SY01-001',
  time: NOW,
});

let issuer: TestIssuer;
let anchor: TrustAnchor;
let secure: Awaited<ReturnType<typeof secureCardImage>>;

beforeAll(async () => {
  issuer = await createTestIssuer();
  secure = await secureCardImage(issuer, 211);

  const parsed = parseCertificate(issuer.certificate);

  anchor = {
    issuerReference: parsed.holderReference,
    keyVersion: parsed.keyVersion,
    notAfter: parsed.notAfter,
    publicKey: parsed.publicKey,
    retired: false,
  };
});

afterAll(() => issuer.store.close());

const fresh: CardSignatureHistory = { isSignatureUsed: () => false, lastCounter: 0 };

async function exchange(): Promise<CardAuthenticationInput> {
  const card = new LocalCardTransport(JSON.parse(JSON.stringify(secure.image)));

  await selectApplication(card);

  const challenge = randomBytes(8);
  const { response } = await signTransaction(card, challenge, TRANSACTION);

  return {
    cardNumber: secure.cardNumber,
    certificate: await readCardCertificate(card),
    challenge,
    now: NOW,
    response,
    transactionData: TRANSACTION,
  };
}

function codeOf(check: () => unknown): string | undefined {
  try {
    check();
  } catch (error) {
    return error instanceof CardSignatureError ? error.code : `other error: ${String(error)}`;
  }

  return undefined;
}

describe('authenticateCardOffline', () => {
  it('accepts a genuine card', async () => {
    const result = authenticateCardOffline(await exchange(), () => anchor, fresh);

    expect(result.cardNumber).toBe(secure.cardNumber);
    expect(result.counter).toBe(1);
    expect(result.keyVersion).toBe(KEY_VERSION);
    expect(result.signature).toHaveLength(64);
  });

  it('rejects each broken link of the chain', async () => {
    const input = await exchange();
    const other = await createTestIssuer();
    const forged = await issueCardCertificate(
      {
        cardNumber: secure.cardNumber,
        keyVersion: KEY_VERSION,
        notAfter: '2031-06-30',
        notBefore: '2026-01-01',
        publicKey: generateP256KeyPair().publicPoint,
      },
      (version, data) => other.store.signWithIssuerKey(version, data),
    );
    const offCurve = await issueCardCertificate(
      {
        cardNumber: secure.cardNumber,
        keyVersion: KEY_VERSION,
        notAfter: '2031-06-30',
        notBefore: '2026-01-01',
        publicKey: Buffer.concat([Buffer.from([0x04]), Buffer.alloc(64, 1)]),
      },
      (version, data) => issuer.store.signWithIssuerKey(version, data),
    );
    const run = (overrides: Partial<CardAuthenticationInput>, found: TrustAnchor | null = anchor) =>
      codeOf(() =>
        authenticateCardOffline({ ...input, ...overrides }, () => found ?? undefined, fresh),
      );

    expect(run({ certificate: null })).toBe('CERTIFICATE_MISSING');
    expect(run({ certificate: Buffer.from('7f2100', 'hex') })).toBe('CERTIFICATE_MALFORMED');
    expect(run({ certificate: issuer.certificate })).toBe('CERTIFICATE_MALFORMED');
    expect(run({ certificate: offCurve })).toBe('CERTIFICATE_MALFORMED');
    expect(run({}, null)).toBe('ISSUER_KEY_UNKNOWN');
    expect(run({}, { ...anchor, retired: true })).toBe('ISSUER_KEY_RETIRED');
    expect(run({}, { ...anchor, notAfter: '2027-02-28' })).toBe('ISSUER_CERTIFICATE_EXPIRED');
    expect(run({}, { ...anchor, issuerReference: 'SY-OTHER-K0001' })).toBe(
      'CERTIFICATE_ISSUER_MISMATCH',
    );
    expect(run({ certificate: forged })).toBe('CERTIFICATE_SIGNATURE_INVALID');
    expect(
      run({ now: new Date('2031-07-01T00:00:00Z') }, { ...anchor, notAfter: '2040-01-01' }),
    ).toBe('CERTIFICATE_EXPIRED');
    expect(run({ now: new Date('2025-12-31T23:59:59Z') })).toBe('CERTIFICATE_NOT_YET_VALID');
    expect(run({ cardNumber: '9760000000000000' })).toBe('CERTIFICATE_HOLDER_MISMATCH');
    await other.store.close();
  });

  it('rejects a forged or malformed signature', async () => {
    const input = await exchange();
    const forged = Buffer.from(input.response);

    forged[10] = (forged[10] as number) ^ 0xff;

    const run = (overrides: Partial<CardAuthenticationInput>) =>
      codeOf(() => authenticateCardOffline({ ...input, ...overrides }, () => anchor, fresh));

    expect(run({ response: forged })).toBe('SIGNATURE_INVALID');
    expect(run({ challenge: randomBytes(8) })).toBe('SIGNATURE_INVALID');
    expect(run({ response: input.response.subarray(1) })).toBe('SIGNATURE_RESPONSE_MALFORMED');
  });

  it('rejects a replay and a counter not increasing', async () => {
    const input = await exchange();
    const signature = input.response.subarray(4);
    const run = (history: CardSignatureHistory) =>
      codeOf(() => authenticateCardOffline(input, () => anchor, history));

    expect(run({ isSignatureUsed: (used) => used.equals(signature), lastCounter: 1 })).toBe(
      'SIGNATURE_REPLAYED',
    );
    expect(run({ isSignatureUsed: () => false, lastCounter: 1 })).toBe('SIGNATURE_COUNTER_REUSED');
    expect(run({ isSignatureUsed: () => false, lastCounter: 4 })).toBe(
      'SIGNATURE_COUNTER_BACKWARDS',
    );
  });
});

describe('transaction data', () => {
  it('round-trips a sale', () => {
    expect(decodeTransactionData(TRANSACTION)).toEqual({
      productCode: 'gas-cylinder',
      quantity: 1,
      stationId: 'ST-SY01-001',
      time: NOW,
    });
  });

  it('rejects values it cannot carry', () => {
    const sale = { productCode: 'gas-cylinder', quantity: 1, stationId: 'ST-1', time: NOW };

    expect(() => encodeTransactionData({ ...sale, quantity: 0 })).toThrow('quantity');
    expect(() => encodeTransactionData({ ...sale, quantity: 1.5 })).toThrow('quantity');
    expect(() => encodeTransactionData({ ...sale, stationId: '' })).toThrow('stationId');
    expect(() => encodeTransactionData({ ...sale, productCode: 'x'.repeat(61) })).toThrow(
      'productCode',
    );
  });
});
