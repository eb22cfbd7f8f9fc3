import {
  generateP256KeyPair,
  issueCardCertificate,
  issueIssuerCertificate,
  SoftwareKeyStore,
} from '@bitaqa/card-keys';

import { createBlankCardImage } from '../../src/application/card-image';
import { CardImage } from '../../src/application/card-image';
import { LocalCardTransport } from '../../src/emulator/local-card-transport';
import { personalizeCard } from '../../src/personalization/personalize-card';
import { CardTransport } from '../../src/reader/card-transport';
import { CardSecrets, writeCardSecrets } from '../../src/secure/card-secrets-io';
import { selectApplication } from '../../src/personalization/card-files';
import { personalizationData } from './personalization-fixture';

export const KEY_VERSION = 1;

/** An issuer with one key version, as the card authority stores it. */
export interface TestIssuer {
  store: SoftwareKeyStore;
  certificate: Buffer;
  publicKey: Buffer;
}

export async function createTestIssuer(): Promise<TestIssuer> {
  const store = await SoftwareKeyStore.open();
  await store.ensureVersionKeys(KEY_VERSION);
  const publicKey = await store.issuerPublicKey(KEY_VERSION);
  const certificate = await issueIssuerCertificate(
    { keyVersion: KEY_VERSION, notAfter: '2036-12-31', notBefore: '2026-01-01', publicKey },
    (version, data) => store.signWithIssuerKey(version, data),
  );

  return { store, certificate, publicKey };
}

/** Derives the card keys and makes a signing key and certificate for one card number. */
export async function cardSecretsFor(issuer: TestIssuer, cardNumber: string): Promise<CardSecrets> {
  const keys = await issuer.store.deriveCardKeys(cardNumber, KEY_VERSION);
  const pair = generateP256KeyPair();
  const certificate = await issueCardCertificate(
    {
      cardNumber,
      keyVersion: KEY_VERSION,
      notAfter: '2031-06-30',
      notBefore: '2026-01-01',
      publicKey: pair.publicPoint,
    },
    (version, data) => issuer.store.signWithIssuerKey(version, data),
  );

  return { keys, signingKey: pair.privateKey, certificate };
}

/** Writes the secrets, then personalizes and finalizes the card. */
export async function personalizeSecureCard(
  card: CardTransport,
  secrets: CardSecrets,
  serial: number,
): Promise<void> {
  await selectApplication(card);
  await writeCardSecrets(card, secrets);
  await personalizeCard(card, personalizationData(serial));
}

/** Builds a personalized card image with keys, signing key and certificate in process. */
export async function secureCardImage(
  issuer: TestIssuer,
  serial: number,
): Promise<{ image: CardImage; secrets: CardSecrets; cardNumber: string }> {
  const cardNumber = personalizationData(serial).cardNumber;
  const secrets = await cardSecretsFor(issuer, cardNumber);
  const card = new LocalCardTransport(createBlankCardImage());
  await personalizeSecureCard(card, secrets, serial);

  return { image: card.application.toImage(), secrets, cardNumber };
}
