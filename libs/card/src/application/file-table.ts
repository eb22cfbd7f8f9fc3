/**
 * Holder files are written once during personalization and locked by FINALIZE. Service slots
 * are reserved for services that the card authority admits later.
 */
export type FileKind = 'holder' | 'service';

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
  SERVICE_SLOT_FIRST: 0x0110,
  SERVICE_SLOT_LAST: 0x011f,
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
  ...Array.from(
    { length: FileId.SERVICE_SLOT_LAST - FileId.SERVICE_SLOT_FIRST + 1 },
    (_, index) => ({
      id: FileId.SERVICE_SLOT_FIRST + index,
      name: `service-slot-${index}`,
      size: SERVICE_SLOT_SIZE,
      kind: 'service' as const,
    }),
  ),
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
