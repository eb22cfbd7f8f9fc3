import { randomBytes } from 'node:crypto';

import { generateP256KeyPair, issueCardCertificate } from '@bitaqa/card-keys';

import { StatusWord } from '../apdu/status-words';
import { CardCommands } from '../application/card-commands';
import { CardImage, createBlankCardImage } from '../application/card-image';
import { LocalCardTransport } from '../emulator/local-card-transport';
import { selectApplication } from '../personalization/card-files';
import {
  createTestIssuer,
  KEY_VERSION,
  secureCardImage,
  TestIssuer,
} from '../../test/support/secure-card';
import { readCardCertificate, signTransaction } from './card-secrets-io';
import { SecurityCommands } from './host-commands';
import { CardSignatureError } from './secure-error';
import { verifyCardSignature } from './verify-card-signature';

const NOW = new Date('2027-03-01T12:00:00Z');
const TRANSACTION = Buffer.from('station=ST-0042;product=gas-cylinder;quantity=1');

let issuer: TestIssuer;
let secure: Awaited<ReturnType<typeof secureCardImage>>;

beforeAll(async () => {
  issuer = await createTestIssuer();
  secure = await secureCardImage(issuer, 201);
});

afterAll(() => issuer.store.close());

async function selectedCard(image: CardImage = secure.image): Promise<LocalCardTransport> {
  const card = new LocalCardTransport(JSON.parse(JSON.stringify(image)));
  await selectApplication(card);

  return card;
}

function rejection(check: () => unknown): string | undefined {
  try {
    check();
  } catch (error) {
    return error instanceof CardSignatureError ? error.code : `other error: ${String(error)}`;
  }

  return undefined;
}

describe('INTERNAL AUTHENTICATE', () => {
  it('signs with increasing counters', async () => {
    const card = await selectedCard();
    const first = await signTransaction(card, randomBytes(8), TRANSACTION);
    const second = await signTransaction(card, randomBytes(8), TRANSACTION);

    expect(first.counter).toBe(1);
    expect(second.counter).toBe(2);
    expect(first.signature).toHaveLength(64);
  });

  it('keeps the counter in the card image', async () => {
    const card = await selectedCard();
    await signTransaction(card, randomBytes(8), TRANSACTION);
    const reinserted = await selectedCard(card.application.toImage());

    expect((await signTransaction(reinserted, randomBytes(8), TRANSACTION)).counter).toBe(2);
  });

  it('rejects bad P1P2 and lengths', async () => {
    const card = await selectedCard();
    const good = SecurityCommands.internalAuthenticate(randomBytes(8), TRANSACTION);

    expect((await card.transmit({ ...good, p1: 1 })).sw).toBe(StatusWord.INCORRECT_P1P2);
    expect((await card.transmit({ ...good, data: randomBytes(7) })).sw).toBe(
      StatusWord.WRONG_LENGTH,
    );
    expect((await card.transmit({ ...good, data: randomBytes(209) })).sw).toBe(
      StatusWord.WRONG_LENGTH,
    );
  });

  it('refuses a blank card', async () => {
    const card = new LocalCardTransport(createBlankCardImage());
    await selectApplication(card);
    const command = SecurityCommands.internalAuthenticate(randomBytes(8), TRANSACTION);

    expect((await card.transmit(command)).sw).toBe(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
  });

  it('refuses a blocked card', async () => {
    const card = await selectedCard();
    await card.transmit(CardCommands.deactivate());
    const command = SecurityCommands.internalAuthenticate(randomBytes(8), TRANSACTION);

    expect((await card.transmit(command)).sw).toBe(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
  });

  it('needs the application selected', async () => {
    const card = new LocalCardTransport(JSON.parse(JSON.stringify(secure.image)));
    const command = SecurityCommands.internalAuthenticate(randomBytes(8), TRANSACTION);

    expect((await card.transmit(command)).sw).toBe(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
  });
});

describe('verifyCardSignature', () => {
  async function signed(): Promise<{ challenge: Buffer; response: Buffer; certificate: Buffer }> {
    const card = await selectedCard();
    const certificate = (await readCardCertificate(card))!;
    const challenge = randomBytes(8);
    const { response } = await signTransaction(card, challenge, TRANSACTION);

    return { challenge, response, certificate };
  }

  it('accepts with the issuer certificate', async () => {
    const { challenge, response, certificate } = await signed();

    expect(
      verifyCardSignature(certificate, issuer.certificate, challenge, TRANSACTION, response, {
        lastCounter: 0,
        cardNumber: secure.cardNumber,
        now: NOW,
      }),
    ).toEqual({ cardNumber: secure.cardNumber, keyVersion: KEY_VERSION, counter: 1 });
  });

  it('accepts with only the issuer public key', async () => {
    const { challenge, response, certificate } = await signed();

    expect(
      verifyCardSignature(certificate, issuer.publicKey, challenge, TRANSACTION, response, {
        lastCounter: 0,
        now: NOW,
      }).counter,
    ).toBe(1);
  });

  it('rejects a replay and a counter going back', async () => {
    const { challenge, response, certificate } = await signed();
    const verify = (lastCounter: number) => () =>
      verifyCardSignature(certificate, issuer.publicKey, challenge, TRANSACTION, response, {
        lastCounter,
        now: NOW,
      });

    expect(rejection(verify(1))).toBe('SIGNATURE_REPLAYED');
    expect(rejection(verify(5))).toBe('SIGNATURE_COUNTER_BACKWARDS');
  });

  it('rejects other data or challenge', async () => {
    const { challenge, response, certificate } = await signed();
    const options = { lastCounter: 0, now: NOW };
    const otherData = Buffer.from('station=ST-0042;product=gas-cylinder;quantity=9');

    expect(
      rejection(() =>
        verifyCardSignature(certificate, issuer.publicKey, challenge, otherData, response, options),
      ),
    ).toBe('SIGNATURE_INVALID');
    expect(
      rejection(() =>
        verifyCardSignature(
          certificate,
          issuer.publicKey,
          randomBytes(8),
          TRANSACTION,
          response,
          options,
        ),
      ),
    ).toBe('SIGNATURE_INVALID');
  });

  it('rejects a tampered counter', async () => {
    const { challenge, response, certificate } = await signed();
    const raised = Buffer.from(response);
    raised.writeUInt32BE(7, 0);

    expect(
      rejection(() =>
        verifyCardSignature(certificate, issuer.publicKey, challenge, TRANSACTION, raised, {
          lastCounter: 0,
          now: NOW,
        }),
      ),
    ).toBe('SIGNATURE_INVALID');
  });

  it('rejects a malformed response', async () => {
    const { challenge, response, certificate } = await signed();

    expect(
      rejection(() =>
        verifyCardSignature(
          certificate,
          issuer.publicKey,
          challenge,
          TRANSACTION,
          response.subarray(1),
          { lastCounter: 0, now: NOW },
        ),
      ),
    ).toBe('SIGNATURE_RESPONSE_MALFORMED');
  });

  it('rejects certificates of another issuer or card', async () => {
    const { challenge, response, certificate } = await signed();
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
    const verify = (cert: Buffer, issuerKey: Buffer, cardNumber?: string) => () =>
      verifyCardSignature(cert, issuerKey, challenge, TRANSACTION, response, {
        lastCounter: 0,
        now: NOW,
        ...(cardNumber === undefined ? {} : { cardNumber }),
      });

    expect(rejection(verify(certificate, other.publicKey))).toBe('CERTIFICATE_REJECTED');
    expect(rejection(verify(certificate, other.certificate))).toBe('CERTIFICATE_REJECTED');
    expect(rejection(verify(forged, issuer.publicKey))).toBe('CERTIFICATE_REJECTED');
    expect(rejection(verify(certificate, issuer.publicKey, '9760000000000000'))).toBe(
      'CERTIFICATE_REJECTED',
    );
    await other.store.close();
  });

  it('rejects a signature by another card key', async () => {
    const { challenge, response } = await signed();
    const other = await secureCardImage(issuer, 202);

    expect(
      rejection(() =>
        verifyCardSignature(
          other.secrets.certificate,
          issuer.publicKey,
          challenge,
          TRANSACTION,
          response,
          { lastCounter: 0, now: NOW },
        ),
      ),
    ).toBe('SIGNATURE_INVALID');
  });
});
