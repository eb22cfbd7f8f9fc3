import {
  createBlankCardImage,
  insertCard,
  LocalCardTransport,
  PcscClient,
  personalizeCard,
  type CardImage,
  type InsertedCard,
} from '@bitaqa/card';
import { serviceAddresses, waitFor } from '@bitaqa/testing';

export interface CardFacts {
  cardNumber: string;
  expiryDate: string;
  familyId: string | null;
  nationalNumber: string;
}

/** Personalizes a blank card with the given number, expiry and holder, as an encoder would. */
export async function personalizedCard(facts: CardFacts): Promise<CardImage> {
  const transport = new LocalCardTransport(createBlankCardImage());

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
