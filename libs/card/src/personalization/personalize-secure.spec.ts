import { generateP256KeyPair } from '@bitaqa/card-keys';

import { personalizationData } from '../../test/support/personalization-fixture';
import { cardSecretsFor, createTestIssuer, TestIssuer } from '../../test/support/secure-card';
import { createBlankCardImage } from '../application/card-image';
import { FileId } from '../application/file-table';
import { LocalCardTransport } from '../emulator/local-card-transport';
import { openSecureChannel } from '../secure/host-channel';
import { readProtectedFile } from '../secure/protected-files';
import { selectApplication } from './card-files';
import { PersonalizationError } from './personalization-error';
import { personalizeCard } from './personalize-card';
import { personalizeCardSecurely, SecurePersonalizationInput } from './personalize-secure';
import { readCard } from './read-card';

const data = personalizationData(428);

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

describe('personalizeCardSecurely', () => {
  let issuer: TestIssuer;
  let input: SecurePersonalizationInput;

  beforeAll(async () => {
    issuer = await createTestIssuer();
    input = {
      data,
      secrets: await cardSecretsFor(issuer, data.cardNumber),
      serviceSlots: [{ slot: 2, content: Buffer.from('fuel-quota:household') }],
    };
  });

  it('writes keys, data and slots, then finalizes', async () => {
    const card = new LocalCardTransport(createBlankCardImage());
    const result = await personalizeCardSecurely(card, input);
    const contents = await readCard(card);

    expect(result.keyVersion).toBe(1);
    expect(result.serial).toBe(contents.serial);
    expect(contents.lifecycle).toBe('personalized');
    expect(contents.cardNumber).toBe(data.cardNumber);
    expect(contents.holder).toEqual(data.holder);
  });

  it('gives the digest of the plain flow', async () => {
    const secure = await personalizeCardSecurely(
      new LocalCardTransport(createBlankCardImage()),
      input,
    );
    const plain = await personalizeCard(new LocalCardTransport(createBlankCardImage()), data);

    expect(secure.digest).toBe(plain.digest);
  });

  it('leaves a card that opens with its keys', async () => {
    const card = new LocalCardTransport(createBlankCardImage());
    await personalizeCardSecurely(card, input);
    await selectApplication(card);
    const channel = await openSecureChannel(card, input.secrets.keys);
    const slot = await readProtectedFile(channel, FileId.SERVICE_SLOT_FIRST + 2, 21);
    // The slot file keeps 00 after the written bytes.
    const certificate = await readProtectedFile(
      channel,
      FileId.CARD_CERTIFICATE,
      input.secrets.certificate.length,
    );

    expect(slot.toString('ascii')).toBe('fuel-quota:household\0');
    expect(certificate.equals(input.secrets.certificate)).toBe(true);
  });

  it('rejects a certificate of another key', async () => {
    const card = new LocalCardTransport(createBlankCardImage());
    const secrets = { ...input.secrets, signingKey: generateP256KeyPair().privateKey };
    const error = await personalizationError(personalizeCardSecurely(card, { ...input, secrets }));

    expect(error.code).toBe('INVALID_CARD_SECRETS');
    expect(error.message).toMatch(/public half of the signing key/);
    expect(card.apduCount).toBe(0);
  });

  it('rejects a certificate of another card', async () => {
    const other = await cardSecretsFor(issuer, personalizationData(429).cardNumber);
    const error = await personalizationError(
      personalizeCardSecurely(new LocalCardTransport(createBlankCardImage()), {
        ...input,
        secrets: other,
      }),
    );

    expect(error.code).toBe('INVALID_CARD_SECRETS');
    expect(error.message).toMatch(/names card/);
  });

  it('rejects bad service slots', async () => {
    const cases = [
      [{ slot: 16, content: Buffer.from('x') }],
      [{ slot: 0, content: Buffer.alloc(0) }],
      [{ slot: 0, content: Buffer.alloc(257, 1) }],
      [
        { slot: 1, content: Buffer.from('a') },
        { slot: 1, content: Buffer.from('b') },
      ],
    ];
    for (const serviceSlots of cases) {
      const error = await personalizationError(
        personalizeCardSecurely(new LocalCardTransport(createBlankCardImage()), {
          ...input,
          serviceSlots,
        }),
      );

      expect(error.code).toBe('INVALID_PERSONALIZATION_DATA');
    }
  });

  it('rejects a personalized card as not blank', async () => {
    const card = new LocalCardTransport(createBlankCardImage());
    await personalizeCardSecurely(card, input);
    const error = await personalizationError(personalizeCardSecurely(card, input));

    expect(error.code).toBe('CARD_NOT_BLANK');
  });

  it('spoils at every APDU after writing began', async () => {
    const complete = new LocalCardTransport(createBlankCardImage());
    await personalizeCardSecurely(complete, input);
    const firstWrite = 7;

    for (let apdu = firstWrite; apdu <= complete.apduCount; apdu++) {
      const card = new LocalCardTransport(createBlankCardImage(), { removeAtApdu: apdu });
      const error = await personalizationError(personalizeCardSecurely(card, input));

      expect(`${apdu}: ${error.code}`).toBe(`${apdu}: CARD_SPOILED`);
    }

    expect(complete.apduCount).toBeGreaterThan(firstWrite + 20);
  });

  it('reports removal before writing as CARD_REMOVED', async () => {
    const card = new LocalCardTransport(createBlankCardImage(), { removeAtApdu: 3 });
    const error = await personalizationError(personalizeCardSecurely(card, input));

    expect(error.code).toBe('CARD_REMOVED');
    expect(error.spoiled).toBe(false);
  });
});
