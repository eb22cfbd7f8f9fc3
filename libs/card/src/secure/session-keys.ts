import { CARD_KEY_BITS, kdfCounterModeAesCmac, fixedInputData } from '@bitaqa/card-keys';

import { CRYPTOGRAM_LENGTH } from './secure-constants';

/** The static AES-128 keys a card shares with its issuer, under one key version. */
export interface StaticCardKeys {
  keyVersion: number;
  enc: Buffer;
  mac: Buffer;
  auth: Buffer;
}

/** Keys of one secure channel session, derived from the static keys and both challenges. */
export interface SessionKeys {
  /** Encrypts command data. */
  enc: Buffer;
  /** MACs commands. */
  cmac: Buffer;
  /** MACs responses. */
  rmac: Buffer;
  /** Computes the host and card cryptograms. */
  auth: Buffer;
}

function derive(key: Buffer, label: string, context: Buffer, lengthBits: number): Buffer {
  return kdfCounterModeAesCmac(key, {
    counterBits: 8,
    fixedInput: fixedInputData(Buffer.from(label, 'ascii'), context, lengthBits),
    lengthBits,
  });
}

/**
 * Derives the session keys with the SP 800-108 counter KDF over AES-CMAC (8-bit counter),
 * context = host challenge || card challenge, so each pair of challenges gives fresh keys.
 */
export function deriveSessionKeys(
  keys: StaticCardKeys,
  hostChallenge: Buffer,
  cardChallenge: Buffer,
): SessionKeys {
  const context = Buffer.concat([hostChallenge, cardChallenge]);

  return {
    enc: derive(keys.enc, 'BITAQA SESSION ENC', context, CARD_KEY_BITS),
    cmac: derive(keys.mac, 'BITAQA SESSION CMAC', context, CARD_KEY_BITS),
    rmac: derive(keys.mac, 'BITAQA SESSION RMAC', context, CARD_KEY_BITS),
    auth: derive(keys.auth, 'BITAQA SESSION AUTH', context, CARD_KEY_BITS),
  };
}

/**
 * Computes the cryptogram one side presents: the KDF of the session AUTH key with its own label
 * and the challenges in the order host, card, cut to 64 bits. The labels differ, so a card
 * cryptogram never passes as a host cryptogram.
 */
export function cryptogram(
  session: SessionKeys,
  side: 'host' | 'card',
  hostChallenge: Buffer,
  cardChallenge: Buffer,
): Buffer {
  const label = side === 'host' ? 'BITAQA HOST CRYPTOGRAM' : 'BITAQA CARD CRYPTOGRAM';

  return derive(
    session.auth,
    label,
    Buffer.concat([hostChallenge, cardChallenge]),
    CRYPTOGRAM_LENGTH * 8,
  );
}
