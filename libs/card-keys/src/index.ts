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
export {
  assertP256Point,
  ES256_SIGNATURE_LENGTH,
  generateP256KeyPair,
  P256_POINT_LENGTH,
  pointFromPublicKey,
  pointToPem,
  publicKeyFromPoint,
  verifyEs256,
} from './ec';
export type { P256KeyPair } from './ec';
export {
  assembleCertificate,
  CERTIFICATE_PROFILE,
  CertificateTag,
  encodeCertificateBody,
  parseCertificate,
} from './certificate/cv-certificate';
export type {
  CardVerifiableCertificate,
  CertificateBody,
  CertificateRole,
} from './certificate/cv-certificate';
export {
  issueCardCertificate,
  issueCertificate,
  issueIssuerCertificate,
  issuerReference,
} from './certificate/issue';
export type {
  CardCertificateInput,
  IssuerCertificateInput,
  IssuerSigner,
} from './certificate/issue';
export { verifyCardCertificate, verifyIssuerCertificate } from './certificate/verify';
export type { VerifyOptions } from './certificate/verify';
export { deriveCardKeysWith, keyLabel } from './key-store';
export type { KeyStore } from './key-store';
export { SoftwareKeyStore } from './software-key-store';
export type { SoftwareKeyStoreOptions } from './software-key-store';
export { Pkcs11KeyStore } from './pkcs11/pkcs11-key-store';
export type { KeyObjectAttributes, Pkcs11KeyStoreOptions } from './pkcs11/pkcs11-key-store';
export type { TokenSelector } from './pkcs11/pkcs11-slot';
export { createSoftHsmDirectory, initSoftHsmToken, SOFTHSM_MODULE } from './softhsm';
