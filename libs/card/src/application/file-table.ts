/**
 * Holder files are written once during personalization and locked by FINALIZE. Service slots
 * are reserved for services that the card authority admits later and are written only through
 * the secure channel. Key files are written during personalization and never read. Internal
 * files hold the card's own counters and no command reads or writes them.
 */
export type FileKind = 'holder' | 'service' | 'key' | 'internal';

export interface FileDefinition {
  id: number;
  name: string;
  /** Fixed size in bytes; READ BINARY and UPDATE BINARY offsets address this range. */
  size: number;
  kind: FileKind;
}

export const FileId = {
  HOLDER_DATA: 0x0101,
  CARD_NUMBER: 0x0102,
  EXPIRY: 0x0103,
  MRZ: 0x0104,
  CARD_CERTIFICATE: 0x0105,
  SERVICE_SLOT_FIRST: 0x0110,
  SERVICE_SLOT_LAST: 0x011f,
  SIGNING_KEY: 0x0201,
  CARD_KEYS: 0x0202,
  SECURITY_COUNTERS: 0x0203,
} as const;

/** Size of each service slot file. */
export const SERVICE_SLOT_SIZE = 256;

/** Elementary files of the application, each with its fixed size. */
export const FILE_TABLE: readonly FileDefinition[] = [
  // BER-TLV holder template; unwritten bytes after it stay 00.
  { id: FileId.HOLDER_DATA, name: 'holder-data', size: 1024, kind: 'holder' },
  // ASCII digits, padded with 00 bytes to the end of the file.
  { id: FileId.CARD_NUMBER, name: 'card-number', size: 16, kind: 'holder' },
  // YYMMDD in ASCII.
  { id: FileId.EXPIRY, name: 'expiry', size: 6, kind: 'holder' },
  // ICAO 9303 TD1 machine readable zone: three lines of 30 characters, no separators.
  { id: FileId.MRZ, name: 'mrz', size: 90, kind: 'holder' },
  // The card's certificate (BER-TLV 7F21, about 210 bytes), optional so that cards without a
  // signing key still finalize.
  { id: FileId.CARD_CERTIFICATE, name: 'card-certificate', size: 256, kind: 'holder' },
  ...Array.from(
    { length: FileId.SERVICE_SLOT_LAST - FileId.SERVICE_SLOT_FIRST + 1 },
    (_, index) => ({
      id: FileId.SERVICE_SLOT_FIRST + index,
      name: `service-slot-${index}`,
      size: SERVICE_SLOT_SIZE,
      kind: 'service' as const,
    }),
  ),
  // Private scalar d of the card's ECDSA P-256 key, 32 bytes.
  { id: FileId.SIGNING_KEY, name: 'signing-key', size: 32, kind: 'key' },
  // Key version (2 bytes, 0 when no keys are loaded), then the ENC, MAC and AUTH keys.
  { id: FileId.CARD_KEYS, name: 'card-keys', size: 50, kind: 'key' },
  // Transaction counter (4 bytes), failed authentications (1 byte), 3 bytes reserved.
  { id: FileId.SECURITY_COUNTERS, name: 'security-counters', size: 8, kind: 'internal' },
];

const FILES_BY_ID = new Map(FILE_TABLE.map((file) => [file.id, file]));

export function findFile(id: number): FileDefinition | undefined {
  return FILES_BY_ID.get(id);
}

/** Formats a file id as four hex digits, the key used in card images. */
export function formatFileId(id: number): string {
  return id.toString(16).toUpperCase().padStart(4, '0');
}

/** Files that FINALIZE PERSONALIZATION requires to hold data. */
export const MANDATORY_FILE_IDS: readonly number[] = [
  FileId.HOLDER_DATA,
  FileId.CARD_NUMBER,
  FileId.EXPIRY,
  FileId.MRZ,
];
