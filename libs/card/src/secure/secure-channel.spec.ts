import { randomBytes } from 'node:crypto';

import { commandApdu, CommandApdu } from '../apdu/command-apdu';
import { ResponseApdu } from '../apdu/response-apdu';
import { StatusWord } from '../apdu/status-words';
import { CardCommands } from '../application/card-commands';
import { createBlankCardImage } from '../application/card-image';
import { FileId, SERVICE_SLOT_SIZE } from '../application/file-table';
import { LocalCardTransport } from '../emulator/local-card-transport';
import { readFile, selectApplication, writeFile } from '../personalization/card-files';
import {
  createTestIssuer,
  secureCardImage,
  TestIssuer,
  KEY_VERSION,
} from '../../test/support/secure-card';
import { isSecureMessagingCla } from './card-channel';
import { readProtectedFile, writeProtectedFile } from './protected-files';
import { openSecureChannel, SecureChannel } from './host-channel';
import { SecurityCommands } from './host-commands';
import { MAX_AUTHENTICATION_FAILURES } from './secure-constants';
import { StaticCardKeys } from './session-keys';

let issuer: TestIssuer;
let secure: Awaited<ReturnType<typeof secureCardImage>>;

beforeAll(async () => {
  issuer = await createTestIssuer();
  secure = await secureCardImage(issuer, 101);
});

afterAll(() => issuer.store.close());

async function selectedCard(image = secure.image): Promise<LocalCardTransport> {
  const card = new LocalCardTransport(JSON.parse(JSON.stringify(image)));
  await selectApplication(card);

  return card;
}

function wrongKeys(): StaticCardKeys {
  return { ...secure.secrets.keys, auth: Buffer.alloc(16, 0x5a) };
}

async function authenticationCode(
  card: LocalCardTransport,
  keys: StaticCardKeys,
): Promise<unknown> {
  try {
    await openSecureChannel(card, keys);
  } catch (error) {
    return (error as { code?: string }).code;
  }

  return 'opened';
}

describe('MUTUAL AUTHENTICATE', () => {
  it('opens a channel with the card keys', async () => {
    const card = await selectedCard();

    await expect(openSecureChannel(card, secure.secrets.keys)).resolves.toBeInstanceOf(
      SecureChannel,
    );
  });

  it('needs a fresh GET CHALLENGE', async () => {
    const card = await selectedCard();
    const command = SecurityCommands.mutualAuthenticate(
      KEY_VERSION,
      Buffer.alloc(8),
      Buffer.alloc(8),
    );

    expect((await card.transmit(command)).sw).toBe(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
    await card.transmit(CardCommands.getChallenge());
    expect((await card.transmit(command)).sw).toBe(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
    expect((await card.transmit(command)).sw).toBe(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
  });

  it('rejects a wrong key version with 6A88', async () => {
    const card = await selectedCard();
    await card.transmit(CardCommands.getChallenge());
    const command = SecurityCommands.mutualAuthenticate(2, Buffer.alloc(8), Buffer.alloc(8));

    expect((await card.transmit(command)).sw).toBe(StatusWord.REFERENCED_DATA_NOT_FOUND);
  });

  it('rejects bad P1P2 and length', async () => {
    const card = await selectedCard();
    const good = SecurityCommands.mutualAuthenticate(1, Buffer.alloc(8), Buffer.alloc(8));

    expect((await card.transmit({ ...good, p2: 1 })).sw).toBe(StatusWord.INCORRECT_P1P2);
    expect((await card.transmit({ ...good, data: good.data.subarray(1) })).sw).toBe(
      StatusWord.WRONG_LENGTH,
    );
  });

  it('needs loaded keys', async () => {
    const card = new LocalCardTransport(createBlankCardImage());
    await selectApplication(card);

    await expect(openSecureChannel(card, secure.secrets.keys)).rejects.toMatchObject({
      code: 'UNEXPECTED_STATUS_WORD',
      details: { sw: StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED },
    });
  });

  it('blocks after repeated wrong cryptograms', async () => {
    const card = await selectedCard();
    const codes: unknown[] = [];
    for (let attempt = 0; attempt < MAX_AUTHENTICATION_FAILURES; attempt++) {
      codes.push(await authenticationCode(card, wrongKeys()));
    }

    expect(codes).toEqual([
      'AUTHENTICATION_FAILED',
      'AUTHENTICATION_FAILED',
      'AUTHENTICATION_BLOCKED',
    ]);
    expect(await authenticationCode(card, secure.secrets.keys)).toBe('AUTHENTICATION_BLOCKED');

    const reinserted = await selectedCard(card.application.toImage());

    expect(await authenticationCode(reinserted, secure.secrets.keys)).toBe(
      'AUTHENTICATION_BLOCKED',
    );
  });

  it('resets the failure count on success', async () => {
    const card = await selectedCard();
    for (let attempt = 0; attempt < MAX_AUTHENTICATION_FAILURES - 1; attempt++) {
      await authenticationCode(card, wrongKeys());
    }

    expect(await authenticationCode(card, secure.secrets.keys)).toBe('opened');
    expect(await authenticationCode(card, wrongKeys())).toBe('AUTHENTICATION_FAILED');
  });

  it('fails on another card', async () => {
    const other = await secureCardImage(issuer, 102);
    const card = await selectedCard(other.image);

    expect(await authenticationCode(card, secure.secrets.keys)).toBe('AUTHENTICATION_FAILED');
  });

  it('detects a wrong card cryptogram', async () => {
    const counterfeit = {
      transmit: (command: CommandApdu): Promise<ResponseApdu> =>
        Promise.resolve({ data: Buffer.alloc(8, command.ins), sw: StatusWord.SUCCESS }),
    };

    await expect(openSecureChannel(counterfeit, secure.secrets.keys)).rejects.toMatchObject({
      code: 'CARD_CRYPTOGRAM_INVALID',
    });
  });
});

describe('secure channel', () => {
  const slotContent = Buffer.from('fuel-quota:12');

  async function openChannel(): Promise<{ card: LocalCardTransport; channel: SecureChannel }> {
    const card = await selectedCard();
    const channel = await openSecureChannel(card, secure.secrets.keys);

    return { card, channel };
  }

  it('writes a service slot', async () => {
    const { card, channel } = await openChannel();
    await writeFile(channel, FileId.SERVICE_SLOT_FIRST, slotContent);

    expect(await readFile(card, FileId.SERVICE_SLOT_FIRST, slotContent.length)).toEqual(
      slotContent,
    );
    expect(await readFile(channel, FileId.SERVICE_SLOT_FIRST, slotContent.length)).toEqual(
      slotContent,
    );
  });

  it('writes and reads a whole slot in chunks', async () => {
    const { card, channel } = await openChannel();
    const full = randomBytes(SERVICE_SLOT_SIZE);
    await writeProtectedFile(channel, FileId.SERVICE_SLOT_LAST, full);

    expect(await readProtectedFile(channel, FileId.SERVICE_SLOT_LAST, SERVICE_SLOT_SIZE)).toEqual(
      full,
    );
    expect(await readFile(card, FileId.SERVICE_SLOT_LAST, SERVICE_SLOT_SIZE)).toEqual(full);
  });

  it('rejects commands too long for the channel', async () => {
    const { channel } = await openChannel();

    expect(() => channel.wrap(CardCommands.updateBinary(0, Buffer.alloc(240)))).toThrow(
      expect.objectContaining({ code: 'COMMAND_TOO_LONG' }),
    );
    expect(() => channel.wrap(CardCommands.readBinary(0, 249))).toThrow(
      expect.objectContaining({ code: 'COMMAND_TOO_LONG' }),
    );
  });

  it('rejects plain writes to a service slot', async () => {
    const { card } = await openChannel();
    await card.transmit(CardCommands.selectFile(FileId.SERVICE_SLOT_FIRST));

    expect((await card.transmit(CardCommands.updateBinary(0, slotContent))).sw).toBe(
      StatusWord.SECURITY_STATUS_NOT_SATISFIED,
    );
  });

  it('returns inner status words with a MAC', async () => {
    const { channel } = await openChannel();

    expect((await channel.transmit(CardCommands.selectFile(0x0999))).sw).toBe(
      StatusWord.FILE_NOT_FOUND,
    );
    expect((await channel.transmit(CardCommands.selectFile(FileId.MRZ))).sw).toBe(
      StatusWord.SUCCESS,
    );
  });

  it('rejects a secure command without a channel', async () => {
    const card = await selectedCard();
    const { channel } = await openChannel();
    const wrapped = channel.wrap(CardCommands.selectFile(FileId.MRZ));

    expect((await card.transmit(wrapped)).sw).toBe(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
  });

  it('rejects a wrong MAC and closes', async () => {
    const { card, channel } = await openChannel();
    const wrapped = channel.wrap(CardCommands.selectFile(FileId.MRZ));
    wrapped.data[wrapped.data.length - 1]! ^= 0x01;

    expect((await card.transmit(wrapped)).sw).toBe(StatusWord.SECURE_MESSAGING_DATA_INCORRECT);

    const next = channel.wrap(CardCommands.selectFile(FileId.MRZ));

    expect((await card.transmit(next)).sw).toBe(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
  });

  it('rejects tampered encrypted data', async () => {
    const { card, channel } = await openChannel();
    const wrapped = channel.wrap(CardCommands.selectFile(FileId.MRZ));
    wrapped.data[0]! ^= 0x80;

    expect((await card.transmit(wrapped)).sw).toBe(StatusWord.SECURE_MESSAGING_DATA_INCORRECT);
  });

  it('rejects a replayed command', async () => {
    const { card, channel } = await openChannel();
    await channel.transmit(CardCommands.selectFile(FileId.SERVICE_SLOT_FIRST));
    const wrapped = channel.wrap(CardCommands.updateBinary(0, slotContent));

    expect((await card.transmit(wrapped)).sw).toBe(StatusWord.SUCCESS);
    expect((await card.transmit(wrapped)).sw).toBe(StatusWord.SECURE_MESSAGING_DATA_INCORRECT);
  });

  it('rejects reordered commands', async () => {
    const { card, channel } = await openChannel();
    const first = channel.wrap(CardCommands.selectFile(FileId.SERVICE_SLOT_FIRST));
    const second = channel.wrap(CardCommands.updateBinary(0, slotContent));

    expect((await card.transmit(second)).sw).toBe(StatusWord.SECURE_MESSAGING_DATA_INCORRECT);
    expect((await card.transmit(first)).sw).toBe(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
  });

  it('rejects a data field shorter than the MAC', async () => {
    const { card } = await openChannel();
    const short = commandApdu({ cla: 0x04, ins: 0xa4, p1: 2, p2: 0x0c, data: [1, 2] });

    expect((await card.transmit(short)).sw).toBe(StatusWord.SECURE_MESSAGING_DATA_MISSING);
  });

  it('detects a tampered response MAC', async () => {
    const card = await selectedCard();
    const flipping = {
      async transmit(command: CommandApdu): Promise<ResponseApdu> {
        const response = await card.transmit(command);
        if (isSecureMessagingCla(command.cla)) {
          response.data[response.data.length - 1]! ^= 0x01;
        }

        return response;
      },
    };
    const channel = await openSecureChannel(flipping, secure.secrets.keys);

    await expect(channel.transmit(CardCommands.selectFile(FileId.MRZ))).rejects.toMatchObject({
      code: 'RESPONSE_MAC_INVALID',
    });
    expect(channel.isOpen).toBe(false);
  });

  it('closes at power off', async () => {
    const { card, channel } = await openChannel();
    card.application.resetSession();
    await selectApplication(card);

    await expect(channel.transmit(CardCommands.selectFile(FileId.MRZ))).rejects.toMatchObject({
      code: 'SECURE_MESSAGING_REJECTED',
    });
  });
});

describe('key files', () => {
  it.each([
    ['signing key', FileId.SIGNING_KEY],
    ['card keys', FileId.CARD_KEYS],
    ['security counters', FileId.SECURITY_COUNTERS],
  ])('never reads the %s', async (_name, fileId) => {
    const card = await selectedCard();
    const channel = await openSecureChannel(card, secure.secrets.keys);
    await card.transmit(CardCommands.selectFile(fileId));

    expect((await card.transmit(CardCommands.readBinary(0, 8))).sw).toBe(
      StatusWord.SECURITY_STATUS_NOT_SATISFIED,
    );
    await channel.transmit(CardCommands.selectFile(fileId));
    expect((await channel.transmit(CardCommands.readBinary(0, 8))).sw).toBe(
      StatusWord.SECURITY_STATUS_NOT_SATISFIED,
    );
  });

  it('locks key files after FINALIZE', async () => {
    const card = await selectedCard();
    await card.transmit(CardCommands.selectFile(FileId.CARD_KEYS));

    expect((await card.transmit(CardCommands.updateBinary(0, Buffer.alloc(2)))).sw).toBe(
      StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED,
    );
  });

  it('never writes the counters', async () => {
    const card = new LocalCardTransport(createBlankCardImage());
    await selectApplication(card);
    await card.transmit(CardCommands.selectFile(FileId.SECURITY_COUNTERS));

    expect((await card.transmit(CardCommands.updateBinary(0, Buffer.alloc(4)))).sw).toBe(
      StatusWord.SECURITY_STATUS_NOT_SATISFIED,
    );
  });
});
