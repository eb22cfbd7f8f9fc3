export { CardError } from './card-error';

export { ApduError } from './apdu/apdu-error';
export type { ApduErrorCode } from './apdu/apdu-error';
export {
  commandApdu,
  decodeCommandApdu,
  encodeCommandApdu,
  EXTENDED_MAX_DATA,
  EXTENDED_MAX_NE,
  SHORT_MAX_DATA,
  SHORT_MAX_NE,
} from './apdu/command-apdu';
export type { CommandApdu, CommandApduInput } from './apdu/command-apdu';
export {
  decodeResponseApdu,
  encodeResponseApdu,
  expectStatus,
  isSuccess,
  responseApdu,
} from './apdu/response-apdu';
export type { ResponseApdu } from './apdu/response-apdu';
export { describeStatusWord, formatStatusWord, StatusWord } from './apdu/status-words';
export type { StatusWordName } from './apdu/status-words';

export { decodeTlv, decodeTlvPrefix, decodeTlvSequence, encodedTlvLength } from './tlv/tlv-decoder';
export { encodeLength, encodeTlv, encodeTlvSequence } from './tlv/tlv-encoder';
export { TlvError } from './tlv/tlv-error';
export type { TlvErrorCode } from './tlv/tlv-error';
export { constructed, formatTag, isConstructedTag, primitive, tagBytes } from './tlv/tlv-node';
export type { TlvNode } from './tlv/tlv-node';
export { expectTag, findChild, requireChild } from './tlv/tlv-query';

export { CardApplication } from './application/card-application';
export type { CardApplicationOptions } from './application/card-application';
export { CardCommands } from './application/card-commands';
export {
  BITAQA_AID,
  BITAQA_ATR,
  CHALLENGE_LENGTH,
  DataObjectTag,
  LIFECYCLE_CODES,
  lifecycleFromCode,
  SERIAL_LENGTH,
} from './application/card-constants';
export type { Lifecycle } from './application/card-constants';
export {
  chipCommandsFor,
  ChipLifecycleError,
  isChipOperational,
} from './application/lifecycle-sync';
export type { ChipLifecycleErrorCode } from './application/lifecycle-sync';
export { CardImageError, createBlankCardImage, parseCardImage } from './application/card-image';
export type { CardImage } from './application/card-image';
export { FILE_TABLE, FileId, formatFileId, MANDATORY_FILE_IDS } from './application/file-table';
export type { FileDefinition } from './application/file-table';
export { holderDataSchema } from './application/holder-data';
export type { HolderData, PersonName } from './application/holder-data';
export {
  decodeHolderData,
  encodeHolderData,
  HolderDataError,
  HolderTag,
  validateHolderData,
} from './application/holder-data-codec';

export { CardHopper } from './emulator/card-hopper';
export type { CardHopperEvents, CardHopperOptions } from './emulator/card-hopper';
export { EmulatorError } from './emulator/emulator-error';
export { InsertedCard, insertCard } from './emulator/inserted-card';
export type { InsertCardOptions, InsertedCardEvents } from './emulator/inserted-card';
export type { HopperMode, PulledCard, RemovalReason } from './emulator/slot-events';
export { LocalCardTransport } from './emulator/local-card-transport';

export type { CardTransport } from './reader/card-transport';
export { PcscClient, vpcdReaderName } from './reader/pcsc-client';
export type { PcscClientOptions, WaitForCardOptions } from './reader/pcsc-client';
export { PcscCardConnection } from './reader/pcsc-connection';
export type { Disposition } from './reader/pcsc-connection';
export { DEFAULT_VPCD_PORT, ensurePcscd, PcscdError } from './reader/pcscd-process';
export type { PcscdHandle } from './reader/pcscd-process';
export { acquireVpcdLock, DEFAULT_VPCD_LOCK } from './reader/vpcd-lock';
export { ReaderError } from './reader/reader-error';
export type { ReaderErrorCode } from './reader/reader-error';

export { CardReadError, readCard } from './personalization/read-card';
export type { CardContents } from './personalization/read-card';
export {
  buildCardMrz,
  digestFiles,
  ISSUING_STATE,
  personalizationDataSchema,
  preparePersonalization,
} from './personalization/personalization-data';
export type { PersonalizationData } from './personalization/personalization-data';
export { PersonalizationError } from './personalization/personalization-error';
export type { PersonalizationErrorCode } from './personalization/personalization-error';
export { personalizeCard } from './personalization/personalize-card';
export { personalizeCardSecurely } from './personalization/personalize-secure';
export type {
  SecurePersonalizationInput,
  SecurePersonalizationResult,
  ServiceSlotContent,
} from './personalization/personalize-secure';
export type { PersonalizationResult } from './personalization/personalize-card';

export { decodeCardKeysFile, encodeCardKeysFile } from './secure/card-secrets';
export { readCardCertificate, signTransaction, writeCardSecrets } from './secure/card-secrets-io';
export type { CardSecrets } from './secure/card-secrets-io';
export { openSecureChannel, SecureChannel } from './secure/host-channel';
export { SecurityCommands } from './secure/host-commands';
export { readProtectedFile, writeProtectedFile } from './secure/protected-files';
export {
  MAX_AUTHENTICATION_FAILURES,
  SECURE_MAX_COMMAND_DATA,
  SECURE_MAX_RESPONSE_DATA,
  SIGNATURE_CHALLENGE_LENGTH,
} from './secure/secure-constants';
export { CardSignatureError, SecureChannelError } from './secure/secure-error';
export type { CardSignatureErrorCode, SecureChannelErrorCode } from './secure/secure-error';
export type { StaticCardKeys } from './secure/session-keys';
export { transactionSignedBytes } from './secure/transaction-signature';
export type { TransactionSignature } from './secure/transaction-signature';
export { verifyCardSignature } from './secure/verify-card-signature';
export type {
  VerifiedCardSignature,
  VerifyCardSignatureOptions,
} from './secure/verify-card-signature';
export { checkCardCertificateChain } from './secure/certificate-chain';
export type { TrustAnchor, TrustAnchorLookup } from './secure/certificate-chain';
export { authenticateCardOffline } from './secure/offline-authentication';
export type {
  AuthenticatedCard,
  CardAuthenticationInput,
  CardSignatureHistory,
} from './secure/offline-authentication';
export {
  decodeTransactionData,
  encodeTransactionData,
  TransactionDataError,
  TransactionDataTag,
} from './secure/transaction-data';
export type { StationTransactionData, TransactionDataErrorCode } from './secure/transaction-data';

export {
  PUT_KEY_BLOCK_SIZE,
  PUT_KEY_INS,
  PUT_KEY_MAX_PAYLOAD,
  PUT_KEY_MORE_BLOCKS,
  PutKeyStatus,
} from './rekey/put-key-constants';
export { putKeyCommands } from './rekey/put-key-commands';
export { decodePutKeyPayload, encodePutKeyPayload } from './rekey/put-key-payload';
export type { PutKeySet } from './rekey/put-key-payload';
export { rekeyCard } from './rekey/rekey-card';
export type { RekeyOptions, RekeyResult } from './rekey/rekey-card';
export { RekeyError } from './rekey/rekey-error';
export type { RekeyErrorCode } from './rekey/rekey-error';
export { checkRekeyPackage } from './rekey/rekey-package';
export type { RekeyPackage } from './rekey/rekey-package';

export { arabicToMrz } from './mrz/arabic-transliteration';
export { mrzCheckDigit } from './mrz/check-digit';
export { MrzError } from './mrz/mrz-error';
export { latinToMrz } from './mrz/mrz-text';
export { buildTd1, isoDateToMrz } from './mrz/td1';
export type { Td1Input, Td1Mrz } from './mrz/td1';
export { checkTd1, parseTd1 } from './mrz/td1-parse';
export type { Td1CheckResult, Td1Fields } from './mrz/td1-parse';
