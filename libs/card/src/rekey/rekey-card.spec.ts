import { randomBytes } from 'node:crypto';

import {
  createRekeyIssuer,
  REKEY_NOW,
  rekeyPackageFor,
  RekeyIssuer,
} from '../../test/support/rekey-issuer';
import { secureCardImage } from '../../test/support/secure-card';
import { ApduError } from '../apdu/apdu-error';
import { StatusWord } from '../apdu/status-words';
import { CardImage } from '../application/card-image';
import { LocalCardTransport } from '../emulator/local-card-transport';
import { selectApplication } from '../personalization/card-files';
import { readCardCertificate, signTransaction } from '../secure/card-secrets-io';
import { openSecureChannel } from '../secure/host-channel';
import { StaticCardKeys } from '../secure/session-keys';
import { verifyCardSignature } from '../secure/verify-card-signature';
import { PutKeyStatus } from './put-key-constants';
import { putKeyCommands } from './put-key-commands';
import { encodePutKeyPayload } from './put-key-payload';
import { rekeyCard } from './rekey-card';
import { RekeyError } from './rekey-error';
import { RekeyPackage } from './rekey-package';

async function holdsKeys(image: CardImage, keys: StaticCardKeys): Promise<boolean> {
  const card = new LocalCardTransport(image);
  await selectApplication(card);
  try {
    await openSecureChannel(card, keys);

    return true;
  } catch (error) {
    if (
      error instanceof ApduError &&
      error.details['sw'] === StatusWord.REFERENCED_DATA_NOT_FOUND
    ) {
      return false;
    }

    throw error;
  }
}

/** Signs a challenge on the card and verifies it against the certificate the card holds. */
async function signatureVerifies(image: CardImage, issuerCertificate: Buffer): Promise<boolean> {
  const card = new LocalCardTransport(image);
  await selectApplication(card);
  const certificate = (await readCardCertificate(card))!;
  const challenge = randomBytes(8);
  const data = Buffer.from('check');
  const signature = await signTransaction(card, challenge, data);
  try {
    verifyCardSignature(certificate, issuerCertificate, challenge, data, signature.response, {
      lastCounter: 0,
      now: REKEY_NOW,
    });

    return true;
  } catch {
    return false;
  }
}

async function rekeyError(promise: Promise<unknown>): Promise<RekeyError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RekeyError) {
      return error;
    }

    throw error;
  }

  throw new Error('re-key succeeded');
}

describe('rekeyCard', () => {
  let issuer: RekeyIssuer;
  let image: CardImage;
  let pkg: RekeyPackage;

  beforeAll(async () => {
    issuer = await createRekeyIssuer();
    const card = await secureCardImage(issuer, 611);
    image = card.image;
    pkg = await rekeyPackageFor(issuer, card.cardNumber);
  });

  afterAll(() => issuer.store.close());

  it('moves the card to the new version', async () => {
    const card = new LocalCardTransport(image);
    const result = await rekeyCard(card, pkg, { now: REKEY_NOW });
    const after = card.application.toImage();

    expect(result.alreadyRekeyed).toBe(false);
    expect(result.keyVersion).toBe(2);
    expect(result.certificate.equals(pkg.certificate)).toBe(true);
    expect(result.counter).toBe(1);
    expect(await holdsKeys(after, pkg.current)).toBe(false);
    expect(await holdsKeys(after, pkg.next)).toBe(true);
    expect(await signatureVerifies(after, issuer.nextCertificate)).toBe(true);
  });

  it('proves a card re-keyed before', async () => {
    const card = new LocalCardTransport(image);
    await rekeyCard(card, pkg, { now: REKEY_NOW });
    const retry = await rekeyPackageFor(issuer, pkg.cardNumber);
    const result = await rekeyCard(new LocalCardTransport(card.application.toImage()), retry, {
      now: REKEY_NOW,
    });

    expect(result.alreadyRekeyed).toBe(true);
    expect(result.certificate.equals(pkg.certificate)).toBe(true);
    expect(result.counter).toBe(2);
  });

  it('ends old or new when pulled', async () => {
    const total = new LocalCardTransport(image);
    await rekeyCard(total, pkg, { now: REKEY_NOW });
    const outcomes = new Set<string>();

    for (let apdu = 1; apdu <= total.apduCount; apdu++) {
      const card = new LocalCardTransport(image, { removeAtApdu: apdu });
      await expect(rekeyCard(card, pkg, { now: REKEY_NOW })).rejects.toThrow();
      const after = card.application.toImage();
      const old = await holdsKeys(after, pkg.current);
      const fresh = await holdsKeys(after, pkg.next);

      expect(old).not.toBe(fresh);
      expect(
        await signatureVerifies(after, old ? issuer.certificate : issuer.nextCertificate),
      ).toBe(true);
      outcomes.add(old ? 'old' : 'new');
    }

    expect([...outcomes].sort()).toEqual(['new', 'old']);
  });

  it('rejects a package for another card', async () => {
    const other = await rekeyPackageFor(issuer, '9760000000000626');
    const error = await rekeyError(
      rekeyCard(new LocalCardTransport(image), other, { now: REKEY_NOW }),
    );

    expect(error.code).toBe('CARD_NUMBER_MISMATCH');
  });

  it('rejects a mismatched certificate', async () => {
    const other = await rekeyPackageFor(issuer, '9760000000000626');
    const broken = { ...pkg, certificate: other.certificate };
    const error = await rekeyError(
      rekeyCard(new LocalCardTransport(image), broken, { now: REKEY_NOW }),
    );

    expect(error.code).toBe('REKEY_PACKAGE_INVALID');
  });
});

describe('PUT KEY', () => {
  let issuer: RekeyIssuer;
  let image: CardImage;
  let pkg: RekeyPackage;

  beforeAll(async () => {
    issuer = await createRekeyIssuer();
    const card = await secureCardImage(issuer, 612);
    image = card.image;
    pkg = await rekeyPackageFor(issuer, card.cardNumber);
  });

  afterAll(() => issuer.store.close());

  function payload(overrides: Partial<RekeyPackage> = {}): Buffer {
    const set = { ...pkg, ...overrides };

    return encodePutKeyPayload({
      certificate: set.certificate,
      keys: set.next,
      signingKey: set.signingKey,
    });
  }

  /** Sends the blocks through a channel opened with the current keys; returns each status word. */
  async function sendBlocks(card: LocalCardTransport, data: Buffer, order?: number[]) {
    await selectApplication(card);
    const channel = await openSecureChannel(card, pkg.current);
    const commands = putKeyCommands(data);
    const statuses: number[] = [];

    for (const index of order ?? commands.map((_, position) => position)) {
      statuses.push((await channel.transmit(commands[index]!)).sw);
    }

    return statuses;
  }

  it('splits a key set into two blocks', () => {
    const commands = putKeyCommands(payload());

    expect(commands).toHaveLength(2);
    expect(commands.map((command) => command.p1)).toEqual([0x80, 0x00]);
    expect(commands.map((command) => command.p2)).toEqual([0, 1]);
  });

  it('rejects PUT KEY without the channel', async () => {
    const card = new LocalCardTransport(image);
    await selectApplication(card);
    const [first] = putKeyCommands(payload());

    expect((await card.transmit(first!)).sw).toBe(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
  });

  it('rejects a version not greater', async () => {
    const card = new LocalCardTransport(image);
    const statuses = await sendBlocks(card, payload({ next: { ...pkg.next, keyVersion: 1 } }));

    expect(statuses).toEqual([StatusWord.SUCCESS, PutKeyStatus.KEY_VERSION_NOT_NEWER]);
    expect(await holdsKeys(card.application.toImage(), pkg.current)).toBe(true);
  });

  it('rejects a certificate of another key', async () => {
    const card = new LocalCardTransport(image);
    const other = await rekeyPackageFor(issuer, pkg.cardNumber);
    const statuses = await sendBlocks(card, payload({ signingKey: other.signingKey }));

    expect(statuses).toEqual([StatusWord.SUCCESS, StatusWord.WRONG_DATA]);
    expect(await holdsKeys(card.application.toImage(), pkg.current)).toBe(true);
  });

  it('rejects blocks out of order', async () => {
    const card = new LocalCardTransport(image);
    const statuses = await sendBlocks(card, payload(), [1, 0]);

    expect(statuses[0]).toBe(StatusWord.INCORRECT_P1P2);
    expect(await holdsKeys(card.application.toImage(), pkg.current)).toBe(true);
  });

  it('drops staged blocks with the channel', async () => {
    const card = new LocalCardTransport(image);
    await sendBlocks(card, payload(), [0]);
    const statuses = await sendBlocks(card, payload(), [1]);

    expect(statuses).toEqual([StatusWord.INCORRECT_P1P2]);
  });
});
