import { randomBytes, timingSafeEqual } from 'node:crypto';

import { commandApdu, CommandApdu } from '../apdu/command-apdu';
import { expectStatus, ResponseApdu } from '../apdu/response-apdu';
import { describeStatusWord, StatusWord } from '../apdu/status-words';
import { CardCommands } from '../application/card-commands';
import { CardTransport } from '../reader/card-transport';
import { SecurityCommands } from './host-commands';
import {
  AUTH_CHALLENGE_LENGTH,
  SECURE_MAC_LENGTH,
  SECURE_MAX_COMMAND_DATA,
  SECURE_MAX_RESPONSE_DATA,
  SECURE_MESSAGING_CLA_BIT,
} from './secure-constants';
import { SecureChannelError } from './secure-error';
import {
  ChannelChain,
  commandMac,
  encryptCommandData,
  macMatches,
  newChannelChain,
  responseMac,
} from './secure-messaging';
import { cryptogram, deriveSessionKeys, StaticCardKeys } from './session-keys';

/**
 * The host end of an open secure channel: encrypts and MACs every command, checks every
 * response MAC and strips it. Any failure closes the channel on both ends.
 */
export class SecureChannel implements CardTransport {
  private open = true;

  constructor(
    private readonly transport: CardTransport,
    private readonly chain: ChannelChain,
  ) {}

  get isOpen(): boolean {
    return this.open;
  }

  /** Wraps a command; exposed so tests can send a wrapped command twice. */
  wrap(command: CommandApdu): CommandApdu {
    if (!this.open) {
      throw new SecureChannelError(
        'CHANNEL_CLOSED',
        'the secure channel is closed; open a new one',
      );
    }

    if (command.data.length > SECURE_MAX_COMMAND_DATA || command.ne > SECURE_MAX_RESPONSE_DATA) {
      throw new SecureChannelError(
        'COMMAND_TOO_LONG',
        `a secure command carries at most ${SECURE_MAX_COMMAND_DATA} data bytes and expects at most ` +
          `${SECURE_MAX_RESPONSE_DATA}, got ${command.data.length} and ${command.ne}`,
        { length: command.data.length, ne: command.ne },
      );
    }

    this.chain.counter++;
    const encrypted = encryptCommandData(this.chain, command.data);
    const header = { ...command, cla: command.cla | SECURE_MESSAGING_CLA_BIT };
    const mac = commandMac(this.chain, header, encrypted);
    this.chain.macChain = mac;

    return commandApdu({
      cla: header.cla,
      ins: command.ins,
      p1: command.p1,
      p2: command.p2,
      data: Buffer.concat([encrypted, mac.subarray(0, SECURE_MAC_LENGTH)]),
      ne: command.ne + SECURE_MAC_LENGTH,
    });
  }

  /** Checks and strips the response MAC of the last wrapped command. */
  unwrap(response: ResponseApdu): ResponseApdu {
    if (response.data.length < SECURE_MAC_LENGTH) {
      this.open = false;
      const rejected =
        response.sw === StatusWord.SECURE_MESSAGING_DATA_INCORRECT ||
        response.sw === StatusWord.SECURE_MESSAGING_DATA_MISSING ||
        response.sw === StatusWord.SECURITY_STATUS_NOT_SATISFIED;

      throw new SecureChannelError(
        rejected ? 'SECURE_MESSAGING_REJECTED' : 'RESPONSE_MAC_INVALID',
        `card answered ${describeStatusWord(response.sw)} without a response MAC`,
        { sw: response.sw },
      );
    }

    const data = response.data.subarray(0, response.data.length - SECURE_MAC_LENGTH);
    const received = response.data.subarray(response.data.length - SECURE_MAC_LENGTH);
    if (!macMatches(responseMac(this.chain, data, response.sw), received)) {
      this.open = false;
      throw new SecureChannelError('RESPONSE_MAC_INVALID', 'the response MAC does not verify', {
        sw: response.sw,
      });
    }

    return { data, sw: response.sw };
  }

  async transmit(command: CommandApdu): Promise<ResponseApdu> {
    return this.unwrap(await this.transport.transmit(this.wrap(command)));
  }
}

function authenticationError(sw: number): SecureChannelError | null {
  if (sw === StatusWord.SECURITY_STATUS_NOT_SATISFIED) {
    return new SecureChannelError(
      'AUTHENTICATION_FAILED',
      'card rejected the host cryptogram: the card keys or key version are wrong',
      { sw },
    );
  }

  if (sw === StatusWord.AUTHENTICATION_METHOD_BLOCKED) {
    return new SecureChannelError(
      'AUTHENTICATION_BLOCKED',
      'card blocked MUTUAL AUTHENTICATE after too many wrong cryptograms',
      { sw },
    );
  }

  return null;
}

/**
 * Authenticates host and card to each other with the card's static keys and opens a secure
 * channel: GET CHALLENGE, then MUTUAL AUTHENTICATE with a fresh host challenge. The Bitaqa
 * application must be selected. Throws `CARD_CRYPTOGRAM_INVALID` when the card does not prove
 * that it has the keys.
 */
export async function openSecureChannel(
  transport: CardTransport,
  keys: StaticCardKeys,
  random: (length: number) => Buffer = randomBytes,
): Promise<SecureChannel> {
  const challengeResponse = await transport.transmit(CardCommands.getChallenge());
  const cardChallenge = expectStatus(challengeResponse, 'GET CHALLENGE').data;
  const hostChallenge = random(AUTH_CHALLENGE_LENGTH);
  const sessionKeys = deriveSessionKeys(keys, hostChallenge, cardChallenge);
  const hostCryptogram = cryptogram(sessionKeys, 'host', hostChallenge, cardChallenge);

  const response = await transport.transmit(
    SecurityCommands.mutualAuthenticate(keys.keyVersion, hostChallenge, hostCryptogram),
  );
  const failure = authenticationError(response.sw);
  if (failure !== null) {
    throw failure;
  }

  expectStatus(response, 'MUTUAL AUTHENTICATE');
  const expected = cryptogram(sessionKeys, 'card', hostChallenge, cardChallenge);
  if (response.data.length !== expected.length || !timingSafeEqual(response.data, expected)) {
    throw new SecureChannelError(
      'CARD_CRYPTOGRAM_INVALID',
      'card cryptogram does not verify: the card does not hold the keys of this card number',
    );
  }

  return new SecureChannel(transport, newChannelChain(sessionKeys));
}
