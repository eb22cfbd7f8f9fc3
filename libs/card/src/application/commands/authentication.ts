import { sign, timingSafeEqual } from 'node:crypto';

import { CommandApdu } from '../../apdu/command-apdu';
import { responseApdu, ResponseApdu } from '../../apdu/response-apdu';
import { StatusWord } from '../../apdu/status-words';
import {
  decodeCardKeysFile,
  decodeSigningKeyFile,
  readSecurityCounters,
  SecurityCounters,
  writeSecurityCounters,
} from '../../secure/card-secrets';
import {
  AUTH_CHALLENGE_LENGTH,
  CRYPTOGRAM_LENGTH,
  MAX_AUTHENTICATION_FAILURES,
  MAX_TRANSACTION_COUNTER,
  MAX_TRANSACTION_DATA,
  SIGNATURE_CHALLENGE_LENGTH,
} from '../../secure/secure-constants';
import { newChannelChain } from '../../secure/secure-messaging';
import { cryptogram, deriveSessionKeys } from '../../secure/session-keys';
import {
  encodeTransactionSignature,
  transactionSignedBytes,
} from '../../secure/transaction-signature';
import { CommandContext } from '../card-session';
import { FileId } from '../file-table';
import { shapeDataResponse } from '../response-shaping';

/** Length of MUTUAL AUTHENTICATE data: key version, host challenge, host cryptogram. */
const MUTUAL_AUTHENTICATE_DATA_LENGTH = 2 + AUTH_CHALLENGE_LENGTH + CRYPTOGRAM_LENGTH;

function countersFile(context: CommandContext): Buffer {
  return context.card.files.get(FileId.SECURITY_COUNTERS)!;
}

function saveCounters(context: CommandContext, counters: SecurityCounters): void {
  writeSecurityCounters(countersFile(context), counters);
}

function isLocked(context: CommandContext): boolean {
  return context.card.lifecycle === 'blocked' || context.card.lifecycle === 'terminated';
}

/**
 * MUTUAL AUTHENTICATE (00 82 00 00 12 version || RND.H || host cryptogram 00): checks the host
 * cryptogram over the card challenge of the last GET CHALLENGE and opens the secure channel.
 * The challenge is spent by this command whatever its outcome. A wrong cryptogram gets 6982 and
 * counts as a failure that survives power off; after MAX_AUTHENTICATION_FAILURES failures in a
 * row every attempt gets 6983. A key version the card does not hold gets 6A88.
 */
export function mutualAuthenticate(context: CommandContext, command: CommandApdu): ResponseApdu {
  const { session, card } = context;
  const challenge = session.security.challenge;
  session.security.challenge = null;
  session.security.channel = null;

  if (command.p1 !== 0 || command.p2 !== 0) {
    return responseApdu(StatusWord.INCORRECT_P1P2);
  }

  if (command.data.length !== MUTUAL_AUTHENTICATE_DATA_LENGTH) {
    return responseApdu(StatusWord.WRONG_LENGTH);
  }

  const keys = decodeCardKeysFile(card.files.get(FileId.CARD_KEYS)!);
  if (!session.applicationSelected || keys === null || isLocked(context) || challenge === null) {
    return responseApdu(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
  }

  const counters = readSecurityCounters(countersFile(context));
  if (counters.authenticationFailures >= MAX_AUTHENTICATION_FAILURES) {
    return responseApdu(StatusWord.AUTHENTICATION_METHOD_BLOCKED);
  }

  if (command.data.readUInt16BE(0) !== keys.keyVersion) {
    return responseApdu(StatusWord.REFERENCED_DATA_NOT_FOUND);
  }

  const hostChallenge = command.data.subarray(2, 2 + AUTH_CHALLENGE_LENGTH);
  const received = command.data.subarray(2 + AUTH_CHALLENGE_LENGTH);
  const sessionKeys = deriveSessionKeys(keys, hostChallenge, challenge);
  const expected = cryptogram(sessionKeys, 'host', hostChallenge, challenge);
  if (!timingSafeEqual(expected, received)) {
    const failures = counters.authenticationFailures + 1;
    saveCounters(context, { ...counters, authenticationFailures: failures });

    return responseApdu(
      failures >= MAX_AUTHENTICATION_FAILURES
        ? StatusWord.AUTHENTICATION_METHOD_BLOCKED
        : StatusWord.SECURITY_STATUS_NOT_SATISFIED,
    );
  }

  saveCounters(context, { ...counters, authenticationFailures: 0 });
  session.security.channel = newChannelChain(sessionKeys);

  return shapeDataResponse(
    session,
    command,
    cryptogram(sessionKeys, 'card', hostChallenge, challenge),
  );
}

/**
 * INTERNAL AUTHENTICATE (00 88 00 00 Lc challenge || transaction data 00): increments the
 * transaction counter, stores it, then signs format 01 || challenge || counter || data with the
 * card's P-256 key. The counter is stored before signing, so no two signatures share a counter.
 * Returns counter (4 bytes) || signature r || s (64 bytes).
 */
export function internalAuthenticate(context: CommandContext, command: CommandApdu): ResponseApdu {
  if (command.p1 !== 0 || command.p2 !== 0) {
    return responseApdu(StatusWord.INCORRECT_P1P2);
  }

  const { data } = command;
  if (
    data.length < SIGNATURE_CHALLENGE_LENGTH ||
    data.length > SIGNATURE_CHALLENGE_LENGTH + MAX_TRANSACTION_DATA
  ) {
    return responseApdu(StatusWord.WRONG_LENGTH);
  }

  const key = decodeSigningKeyFile(context.card.files.get(FileId.SIGNING_KEY)!);
  const counters = readSecurityCounters(countersFile(context));
  if (
    !context.session.applicationSelected ||
    key === null ||
    context.card.lifecycle === 'blank' ||
    isLocked(context) ||
    counters.transactionCounter >= MAX_TRANSACTION_COUNTER
  ) {
    return responseApdu(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
  }

  const counter = counters.transactionCounter + 1;
  saveCounters(context, { ...counters, transactionCounter: counter });

  const challenge = data.subarray(0, SIGNATURE_CHALLENGE_LENGTH);
  const transaction = data.subarray(SIGNATURE_CHALLENGE_LENGTH);
  const signed = transactionSignedBytes(challenge, counter, transaction);
  const signature = sign('sha256', signed, { key, dsaEncoding: 'ieee-p1363' });

  return shapeDataResponse(
    context.session,
    command,
    encodeTransactionSignature({ counter, signature }),
  );
}
