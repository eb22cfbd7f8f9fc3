import { sampleHolder } from '../../test/support/sample-holder';
import { commandApdu } from '../apdu/command-apdu';
import { createBlankCardImage } from '../application/card-image';
import { LocalCardTransport } from '../emulator/local-card-transport';
import { checkTd1, parseTd1 } from '../mrz/td1-parse';
import { PersonalizationData } from './personalization-data';
import { PersonalizationError } from './personalization-error';
import { personalizeCard } from './personalize-card';
import { readCard } from './read-card';

const data: PersonalizationData = {
  cardNumber: '9760000000000428',
  expiryDate: '2031-06-30',
  holder: sampleHolder(),
};

async function personalizationError(promise: Promise<unknown>): Promise<PersonalizationError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PersonalizationError) {
      return error;
    }

    throw error;
  }

  throw new Error('personalization succeeded');
}

describe('personalizeCard', () => {
  it('writes, verifies and finalizes a blank card', async () => {
    const card = new LocalCardTransport(
      createBlankCardImage(Buffer.from('A1B2C3D4E5F60718', 'hex')),
    );
    const result = await personalizeCard(card, data);

    expect(result.serial).toBe('A1B2C3D4E5F60718');
    expect(result.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(card.application.lifecycle).toBe('personalized');
  });

  it('writes an MRZ with valid check digits', async () => {
    const result = await personalizeCard(new LocalCardTransport(createBlankCardImage()), data);
    const fields = parseTd1(result.mrz.lines);

    expect(checkTd1(result.mrz.lines).valid).toBe(true);
    expect(fields.documentNumber).toBe(data.cardNumber);
    expect(fields.optionalData2).toBe(data.holder.nationalNumber);
    expect(fields.primaryIdentifier).toBe('AL HALABI');
    expect(fields.expiryDate).toBe('310630');
  });

  it('gives the same digest for the same data', async () => {
    const first = await personalizeCard(new LocalCardTransport(createBlankCardImage()), data);
    const second = await personalizeCard(new LocalCardTransport(createBlankCardImage()), data);
    const other = await personalizeCard(new LocalCardTransport(createBlankCardImage()), {
      ...data,
      expiryDate: '2031-07-01',
    });

    expect(second.digest).toBe(first.digest);
    expect(other.digest).not.toBe(first.digest);
  });

  it('readCard returns what was written', async () => {
    const card = new LocalCardTransport(createBlankCardImage());
    const result = await personalizeCard(card, data);
    const contents = await readCard(card);

    expect(contents).toEqual({
      serial: result.serial,
      lifecycle: 'personalized',
      cardNumber: data.cardNumber,
      expiryDate: data.expiryDate,
      holder: data.holder,
      mrz: result.mrz.lines,
    });
  });

  it('readCard returns nulls for a blank card', async () => {
    const contents = await readCard(new LocalCardTransport(createBlankCardImage()));

    expect(contents.lifecycle).toBe('blank');
    expect(contents.cardNumber).toBeNull();
    expect(contents.holder).toBeNull();
    expect(contents.mrz).toBeNull();
  });

  it('rejects a personalized card as not blank', async () => {
    const card = new LocalCardTransport(createBlankCardImage());
    await personalizeCard(card, data);
    const error = await personalizationError(personalizeCard(card, data));

    expect(error.code).toBe('CARD_NOT_BLANK');
    expect(error.spoiled).toBe(false);
  });

  it('rejects a card left half written', async () => {
    const card = new LocalCardTransport(createBlankCardImage());
    await card.transmit(
      commandApdu({
        cla: 0,
        ins: 0xa4,
        p1: 4,
        p2: 0x0c,
        data: Buffer.from('F042495441514101', 'hex'),
      }),
    );
    await card.transmit(
      commandApdu({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: Buffer.from('0101', 'hex') }),
    );
    await card.transmit(commandApdu({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: Buffer.from('E1') }));
    const error = await personalizationError(personalizeCard(card, data));

    expect(error.code).toBe('CARD_NOT_BLANK');
    expect(error.message).toMatch(/earlier attempt/);
  });

  it('reports removal before writing as CARD_REMOVED', async () => {
    const error = await personalizationError(
      personalizeCard(new LocalCardTransport(createBlankCardImage(), { removeAtApdu: 2 }), data),
    );

    expect(error.code).toBe('CARD_REMOVED');
    expect(error.spoiled).toBe(false);
    expect(error.step).toBe('read serial');
  });

  it('reports removal at each APDU after writing began as spoiled', async () => {
    const complete = new LocalCardTransport(createBlankCardImage());
    await personalizeCard(complete, data);
    const firstWrite = 7;

    for (let apdu = firstWrite; apdu <= complete.apduCount; apdu++) {
      const card = new LocalCardTransport(createBlankCardImage(), { removeAtApdu: apdu });
      const error = await personalizationError(personalizeCard(card, data));

      expect(`${apdu}: ${error.code}`).toBe(`${apdu}: CARD_SPOILED`);
      expect(error.spoiled).toBe(true);
      expect(error.message).toMatch(/is spoiled/);
    }

    expect(complete.apduCount).toBeGreaterThan(firstWrite + 8);
  });

  it('rejects invalid data before touching the card', async () => {
    const card = new LocalCardTransport(createBlankCardImage());
    const error = await personalizationError(
      personalizeCard(card, { ...data, cardNumber: '12AB' }),
    );

    expect(error.code).toBe('INVALID_PERSONALIZATION_DATA');
    expect(error.message).toMatch(/cardNumber/);
    expect(card.apduCount).toBe(0);
  });

  it('rejects a card without the application', async () => {
    const card = {
      transmit: async () => ({ data: Buffer.alloc(0), sw: 0x6a82 }),
    };
    const error = await personalizationError(personalizeCard(card, data));

    expect(error.code).toBe('NOT_A_BITAQA_CARD');
  });
});
