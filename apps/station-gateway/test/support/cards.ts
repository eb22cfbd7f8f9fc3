import {
  CardCommands,
  createBlankCardImage,
  expectStatus,
  insertCard,
  LocalCardTransport,
  PcscClient,
  personalizeCard,
  writeCardSecrets,
  type CardImage,
  type CardSecrets,
  type InsertedCard,
} from '@bitaqa/card';
import { serviceAddresses, waitFor } from '@bitaqa/testing';

import { cardSecrets, createTestIssuer, type TestIssuer } from './issuer';

let sharedIssuer: Promise<TestIssuer> | undefined;

/**
 * The issuer of the cards that tests make without naming one. Its certificate is the trust
 * anchor that `startStation` gives every station unless a test sets its own.
 */
export function defaultIssuer(): Promise<TestIssuer> {
  sharedIssuer ??= createTestIssuer();

  return sharedIssuer;
}

export interface CardFacts {
  cardNumber: string;
  expiryDate: string;
  familyId: string | null;
  nationalNumber: string;
}

/**
 * Personalizes a blank card with the given number, expiry and holder, as an encoder would:
 * first the card's keys, signing key and certificate (`secrets`, by default certified by
 * `defaultIssuer()` for the card's number), then the holder files.
 */
export async function personalizedCard(
  facts: CardFacts,
  secrets?: CardSecrets,
): Promise<CardImage> {
  const transport = new LocalCardTransport(createBlankCardImage());

  expectStatus(await transport.transmit(CardCommands.selectApplication()), 'SELECT');
  await writeCardSecrets(
    transport,
    secrets ?? (await cardSecrets(await defaultIssuer(), facts.cardNumber)),
  );
  await personalizeCard(transport, {
    cardNumber: facts.cardNumber,
    expiryDate: facts.expiryDate,
    holder: {
      arabicName: { family: 'الحلبي', father: 'محمد', given: 'رامي' },
      birthDate: '1980-03-15',
      familyId: facts.familyId,
      governoratePcode: 'SY01',
      latinName: { family: 'AL-HALABI', father: 'MOHAMMED', given: 'RAMI' },
      nationalNumber: facts.nationalNumber,
      sex: 'M',
    },
  });

  return transport.application.toImage();
}

export function blankCard(): CardImage {
  return createBlankCardImage();
}

/** Inserts a card into vpcd's second slot, the station's reader. */
export function insertIntoStationReader(image: CardImage): Promise<InsertedCard> {
  const { vpcdHost, vpcdPort } = serviceAddresses();

  return insertCard(image, { host: vpcdHost, port: vpcdPort + 1 });
}

/** Name of vpcd's second slot as pcscd lists it, such as `Virtual PCD 00 01`. */
export function stationReaderName(): string {
  const name = new PcscClient().listReaders().find((reader) => / 01$/.test(reader));

  if (!name) throw new Error('pcscd lists no reader ending in 01; is vpcd configured?');

  return name;
}

/** Takes the card out and waits until pcscd, which polls vpcd, reports the slot empty. */
export async function removeFromStationReader(card: InsertedCard): Promise<void> {
  const client = new PcscClient();
  const readerName = stationReaderName();

  await card.remove();
  await waitFor(`${readerName} empty`, () => (client.isCardPresent(readerName) ? undefined : true));
}
