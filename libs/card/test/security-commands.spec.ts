import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

import { StatusWord } from '../src/apdu/status-words';
import { CardCommands } from '../src/application/card-commands';
import { CardImage, createBlankCardImage } from '../src/application/card-image';
import { FileId, SERVICE_SLOT_SIZE } from '../src/application/file-table';
import { InsertedCard, insertCard } from '../src/emulator/inserted-card';
import { readFile, selectApplication } from '../src/personalization/card-files';
import { PcscClient, vpcdReaderName } from '../src/reader/pcsc-client';
import { PcscCardConnection } from '../src/reader/pcsc-connection';
import { readCardCertificate, signTransaction } from '../src/secure/card-secrets-io';
import { openSecureChannel } from '../src/secure/host-channel';
import { readProtectedFile, writeProtectedFile } from '../src/secure/protected-files';
import { MAX_AUTHENTICATION_FAILURES } from '../src/secure/secure-constants';
import { verifyCardSignature } from '../src/secure/verify-card-signature';
import {
  cardSecretsFor,
  createTestIssuer,
  personalizeSecureCard,
  TestIssuer,
} from './support/secure-card';
import { personalizationData } from './support/personalization-fixture';
import { testVpcdPort } from './support/vpcd-port';

const SLOT_0 = vpcdReaderName(0);
const SLOT_1 = vpcdReaderName(1);
const OPENSC_TOOL = '/usr/bin/opensc-tool';
const TRANSACTION = Buffer.from('station=ST-0042;product=gas-cylinder;quantity=1');
const client = new PcscClient({ transmitTimeoutMs: 5000 });
const inserted: InsertedCard[] = [];
const connections: PcscCardConnection[] = [];

let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await createTestIssuer();
});

afterAll(() => issuer.store.close());

afterEach(async () => {
  for (const connection of connections.splice(0)) {
    connection.disconnect();
  }

  await Promise.all(inserted.splice(0).map((card) => card.remove()));
  // pcscd polls vpcd for presence; give it time to see the slot empty before the next test.
  await new Promise((resolve) => setTimeout(resolve, 500));
});

async function insert(image: CardImage, slot: 0 | 1 = 0): Promise<PcscCardConnection> {
  inserted.push(await insertCard(image, { port: testVpcdPort() + slot }));
  const connection = await client.connectWhenPresent(slot === 0 ? SLOT_0 : SLOT_1, {
    timeoutMs: 5000,
  });
  connections.push(connection);

  return connection;
}

/** Personalizes a blank card with keys, signing key and certificate through pcscd. */
async function secureCard(serial: number) {
  const secrets = await cardSecretsFor(issuer, personalizationData(serial).cardNumber);
  const connection = await insert(createBlankCardImage());
  await personalizeSecureCard(connection, secrets, serial);

  return { connection, secrets, cardNumber: personalizationData(serial).cardNumber };
}

describe('security commands through pcscd and vpcd', () => {
  it('never reads the signing key', async () => {
    const { connection } = await secureCard(301);
    await selectApplication(connection);
    await connection.transmit(CardCommands.selectFile(FileId.SIGNING_KEY));

    expect((await connection.transmit(CardCommands.readBinary(0, 32))).sw).toBe(
      StatusWord.SECURITY_STATUS_NOT_SATISFIED,
    );
  });

  it('writes a service slot through the channel', async () => {
    const { connection, secrets } = await secureCard(302);
    const content = randomBytes(SERVICE_SLOT_SIZE);
    await selectApplication(connection);
    const channel = await openSecureChannel(connection, secrets.keys);
    await writeProtectedFile(channel, FileId.SERVICE_SLOT_FIRST, content);

    expect(await readProtectedFile(channel, FileId.SERVICE_SLOT_FIRST, content.length)).toEqual(
      content,
    );
    expect(await readFile(connection, FileId.SERVICE_SLOT_FIRST, content.length)).toEqual(content);
    await connection.transmit(CardCommands.selectFile(FileId.SERVICE_SLOT_FIRST));
    expect(
      (await connection.transmit(CardCommands.updateBinary(0, content.subarray(0, 8)))).sw,
    ).toBe(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
  });

  it('rejects a wrong MAC and a replay', async () => {
    const { connection, secrets } = await secureCard(303);
    await selectApplication(connection);
    const channel = await openSecureChannel(connection, secrets.keys);
    const select = channel.wrap(CardCommands.selectFile(FileId.SERVICE_SLOT_FIRST));

    expect((await connection.transmit(select)).sw).toBe(StatusWord.SUCCESS);
    expect((await connection.transmit(select)).sw).toBe(StatusWord.SECURE_MESSAGING_DATA_INCORRECT);

    const reopened = await openSecureChannel(connection, secrets.keys);
    const tampered = reopened.wrap(CardCommands.selectFile(FileId.SERVICE_SLOT_FIRST));
    tampered.data[tampered.data.length - 1]! ^= 0x01;

    expect((await connection.transmit(tampered)).sw).toBe(
      StatusWord.SECURE_MESSAGING_DATA_INCORRECT,
    );
  });

  it('blocks after wrong cryptograms', async () => {
    const { connection, secrets } = await secureCard(304);
    await selectApplication(connection);
    const wrong = { ...secrets.keys, auth: Buffer.alloc(16, 0x5a) };
    const codes: unknown[] = [];
    for (let attempt = 0; attempt < MAX_AUTHENTICATION_FAILURES + 1; attempt++) {
      codes.push(await openSecureChannel(connection, wrong).catch((error) => error.code));
    }

    expect(codes).toEqual([
      'AUTHENTICATION_FAILED',
      'AUTHENTICATION_FAILED',
      'AUTHENTICATION_BLOCKED',
      'AUTHENTICATION_BLOCKED',
    ]);
  });

  it('keeps the counter across reinsertion', async () => {
    const { connection, cardNumber } = await secureCard(305);
    await selectApplication(connection);
    const certificate = (await readCardCertificate(connection))!;
    const firstChallenge = randomBytes(8);
    const first = await signTransaction(connection, firstChallenge, TRANSACTION);
    connection.disconnect('unpower');
    connections.splice(0);
    const image = await inserted.splice(0)[0]!.remove();

    const reinserted = await insert(JSON.parse(JSON.stringify(image)), 1);
    await selectApplication(reinserted);
    const secondChallenge = randomBytes(8);
    const second = await signTransaction(reinserted, secondChallenge, TRANSACTION);
    const verify = (challenge: Buffer, response: Buffer, lastCounter: number) =>
      verifyCardSignature(certificate, issuer.publicKey, challenge, TRANSACTION, response, {
        lastCounter,
        cardNumber,
      });

    expect(verify(firstChallenge, first.response, 0).counter).toBe(1);
    expect(verify(secondChallenge, second.response, 1).counter).toBe(2);
    expect(() => verify(firstChallenge, first.response, 2)).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_COUNTER_BACKWARDS' }),
    );
    expect(() => verify(secondChallenge, second.response, 2)).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_REPLAYED' }),
    );
  });
});

const describeOpensc = existsSync(OPENSC_TOOL) ? describe : describe.skip;
if (!existsSync(OPENSC_TOOL)) {
  console.warn(`skipping the opensc-tool test: ${OPENSC_TOOL} is missing (apt-get install opensc)`);
}

describeOpensc('opensc-tool', () => {
  it('sends SELECT and GET CHALLENGE', async () => {
    inserted.push(await insertCard(createBlankCardImage(), { port: testVpcdPort() }));
    await client.waitForCard(SLOT_0, { timeoutMs: 5000 });
    const { stdout } = await promisify(execFile)(
      OPENSC_TOOL,
      ['-r', '0', '-s', '00:A4:04:00:08:F0:42:49:54:41:51:41:01:00', '-s', '00:84:00:00:08'],
      { timeout: 15000 },
    );
    const received = [...stdout.matchAll(/Received \(SW1=0x(\w\w), SW2=0x(\w\w)\)(?::\n(.*))?/g)];

    // Each data line is hex bytes separated by spaces, then the same bytes as ASCII.
    const hexBytes = (line: string | undefined): string[] =>
      (/^((?:[0-9A-F]{2} )*[0-9A-F]{2})/i.exec(line ?? '')?.[1] ?? '').split(' ');

    expect(stdout).toMatch(/SW1=0x90, SW2=0x00[\s\S]*SW1=0x90, SW2=0x00/);
    expect(received.map((match) => `${match[1]}${match[2]}`)).toEqual(['9000', '9000']);
    expect(hexBytes(received[0]![3]).join('')).toBe('6F0A8408F042495441514101');
    expect(hexBytes(received[1]![3])).toHaveLength(8);
  });
});
