import { AES_BLOCK_SIZE } from '@bitaqa/card-keys';

import { SECURE_MAX_COMMAND_DATA } from '../secure/secure-constants';

/**
 * PUT KEY (CLA 80, INS D8, as GlobalPlatform numbers its PUT KEY). The card accepts it only
 * through the secure channel, so it always arrives as CLA 84 with encrypted data and a MAC.
 */
export const PUT_KEY_INS = 0xd8;

/** P1 bit b8: more blocks of the same key set follow; a block without it commits the set. */
export const PUT_KEY_MORE_BLOCKS = 0x80;

/**
 * Status words of PUT KEY besides 9000 (block staged, or key set committed):
 * - 6982: the command did not arrive through an open secure channel.
 * - 6985: no application selected, or the card is blank, blocked or terminated.
 * - 6A86: P1 has bits other than b8, or P2 is not the next block number.
 * - 6700: the blocks add up to more than `PUT_KEY_MAX_PAYLOAD` bytes, or fewer than a key set.
 * - 6A80: the key set is malformed, or its certificate is not a card certificate of this card,
 *   for the new key version, over the public key of the new signing key.
 * - 6984 (ISO/IEC 7816-4 "reference data not usable"): the new key version is not greater than
 *   the version on the card. The host reports it as `KEY_VERSION_NOT_NEWER`.
 * Every status but 9000 after a staged block drops the staged blocks and changes no file.
 */
export const PutKeyStatus = {
  KEY_VERSION_NOT_NEWER: 0x6984,
} as const;

/** Bytes of the key set before the certificate: version, ENC, MAC, AUTH, signing scalar. */
export const PUT_KEY_FIXED_LENGTH = 2 + 3 * AES_BLOCK_SIZE + 32;

/** Largest assembled key set: the fixed part plus a certificate that fills its 256-byte file. */
export const PUT_KEY_MAX_PAYLOAD = PUT_KEY_FIXED_LENGTH + 256;

/** Data bytes per PUT KEY block, the most one secure command carries. */
export const PUT_KEY_BLOCK_SIZE = SECURE_MAX_COMMAND_DATA;
