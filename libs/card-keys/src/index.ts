export { AES_BLOCK_SIZE, aesCmac, cmacSubkeys, verifyAesCmac } from './cmac';
export type { CmacSubkeys } from './cmac';
export { fixedInputData, kdfCounterMode, kdfCounterModeAesCmac } from './kbkdf';
export type { CounterBits, CounterModeInput, Prf } from './kbkdf';
export {
  assertCardNumber,
  assertKeyVersion,
  CARD_KEY_BITS,
  CARD_KEY_COUNTER_BITS,
  cardKeyFixedInput,
  KEY_LABELS,
  KEY_PURPOSES,
  MAX_KEY_VERSION,
} from './diversification';
export type { CardKeys, KeyPurpose } from './diversification';
export { CardKeyError } from './errors';
export type { CardKeyErrorCode } from './errors';
