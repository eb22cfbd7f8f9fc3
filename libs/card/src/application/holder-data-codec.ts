import { z } from 'zod';

import { CardError } from '../card-error';
import { decodeTlvPrefix } from '../tlv/tlv-decoder';
import { encodeTlv } from '../tlv/tlv-encoder';
import { constructed, primitive, TlvNode } from '../tlv/tlv-node';
import { expectTag, findChild, requireChild } from '../tlv/tlv-query';
import { FILE_TABLE, FileId } from './file-table';
import { HolderData, holderDataSchema, PersonName } from './holder-data';

/**
 * Tags of the holder data template in EF 0101. Private-class tags, so they cannot clash with
 * interindustry ones. Strings are UTF-8; dates are YYYYMMDD in ASCII.
 */
export const HolderTag = {
  TEMPLATE: 0xe1,
  NATIONAL_NUMBER: 0xc1,
  BIRTH_DATE: 0xc2,
  SEX: 0xc3,
  FAMILY_ID: 0xc8,
  GOVERNORATE_PCODE: 0xc9,
  ARABIC_NAME: 0xe2,
  LATIN_NAME: 0xe3,
  GIVEN_NAME: 0xc4,
  FATHER_NAME: 0xc5,
  MOTHER_NAME: 0xc6,
  FAMILY_NAME: 0xc7,
  /** Layout version of this template, one byte; a reader rejects versions it does not know. */
  FORMAT_VERSION: 0xdf20,
} as const;

export const HOLDER_DATA_FORMAT_VERSION = 1;

const HOLDER_FILE_SIZE = FILE_TABLE.find((file) => file.id === FileId.HOLDER_DATA)!.size;

export type HolderDataErrorCode =
  'HOLDER_DATA_INVALID' | 'HOLDER_DATA_TOO_LARGE' | 'HOLDER_DATA_UNREADABLE';

export class HolderDataError extends CardError<HolderDataErrorCode> {}

/** Checks holder data and throws `HOLDER_DATA_INVALID` naming each field that fails. */
export function validateHolderData(input: unknown): HolderData {
  const result = holderDataSchema.safeParse(input);
  if (!result.success) {
    throw new HolderDataError(
      'HOLDER_DATA_INVALID',
      `holder data is invalid: ${z.prettifyError(result.error)}`,
      {
        issues: result.error.issues.map((issue) => ({
          path: issue.path.join('.'),
          message: issue.message,
        })),
      },
    );
  }

  return result.data;
}

function encodeName(tag: number, name: PersonName): TlvNode {
  const parts: TlvNode[] = [primitive(HolderTag.GIVEN_NAME, name.given)];
  if (name.father !== undefined) {
    parts.push(primitive(HolderTag.FATHER_NAME, name.father));
  }

  if (name.mother !== undefined) {
    parts.push(primitive(HolderTag.MOTHER_NAME, name.mother));
  }

  parts.push(primitive(HolderTag.FAMILY_NAME, name.family));

  return constructed(tag, parts);
}

/** Encodes holder data as the EF 0101 template; throws when it would not fit the file. */
export function encodeHolderData(input: HolderData): Buffer {
  const holder = validateHolderData(input);
  const encoded = encodeTlv(
    constructed(HolderTag.TEMPLATE, [
      primitive(HolderTag.FORMAT_VERSION, Buffer.from([HOLDER_DATA_FORMAT_VERSION])),
      primitive(HolderTag.NATIONAL_NUMBER, holder.nationalNumber),
      encodeName(HolderTag.ARABIC_NAME, holder.arabicName),
      encodeName(HolderTag.LATIN_NAME, holder.latinName),
      primitive(HolderTag.BIRTH_DATE, holder.birthDate.replaceAll('-', '')),
      primitive(HolderTag.SEX, holder.sex),
      ...(holder.familyId === null ? [] : [primitive(HolderTag.FAMILY_ID, holder.familyId)]),
      primitive(HolderTag.GOVERNORATE_PCODE, holder.governoratePcode),
    ]),
  );
  if (encoded.length > HOLDER_FILE_SIZE) {
    throw new HolderDataError(
      'HOLDER_DATA_TOO_LARGE',
      `holder data encodes to ${encoded.length} bytes, EF 0101 holds ${HOLDER_FILE_SIZE}; shorten the names`,
      { length: encoded.length },
    );
  }

  return encoded;
}

function text(parent: TlvNode, tag: number): string {
  return requireChild(parent, tag).value.toString('utf8');
}

function optionalText(parent: TlvNode, tag: number): string | undefined {
  return findChild(parent, tag)?.value.toString('utf8');
}

function decodeName(parent: TlvNode, tag: number): PersonName {
  const node = requireChild(parent, tag);
  const name: PersonName = {
    given: text(node, HolderTag.GIVEN_NAME),
    family: text(node, HolderTag.FAMILY_NAME),
  };
  const father = optionalText(node, HolderTag.FATHER_NAME);
  const mother = optionalText(node, HolderTag.MOTHER_NAME);

  return {
    ...name,
    ...(father === undefined ? {} : { father }),
    ...(mother === undefined ? {} : { mother }),
  };
}

function decodeTemplate(template: TlvNode): unknown {
  expectTag(template, HolderTag.TEMPLATE);
  const version = requireChild(template, HolderTag.FORMAT_VERSION).value;
  if (version.length !== 1 || version[0] !== HOLDER_DATA_FORMAT_VERSION) {
    throw new HolderDataError(
      'HOLDER_DATA_UNREADABLE',
      `holder data format version ${version.toString('hex')} is unknown`,
    );
  }

  const birthDate = text(template, HolderTag.BIRTH_DATE);

  return {
    nationalNumber: text(template, HolderTag.NATIONAL_NUMBER),
    arabicName: decodeName(template, HolderTag.ARABIC_NAME),
    latinName: decodeName(template, HolderTag.LATIN_NAME),
    birthDate: `${birthDate.slice(0, 4)}-${birthDate.slice(4, 6)}-${birthDate.slice(6, 8)}`,
    sex: text(template, HolderTag.SEX),
    familyId: optionalText(template, HolderTag.FAMILY_ID) ?? null,
    governoratePcode: text(template, HolderTag.GOVERNORATE_PCODE),
  };
}

/**
 * Decodes the holder template at the start of `content`; bytes after it must be unwritten (00).
 * Tags this version does not know are skipped, so later versions can add fields.
 */
export function decodeHolderData(content: Buffer): HolderData {
  try {
    const { node, length } = decodeTlvPrefix(content);
    if (content.subarray(length).some((byte) => byte !== 0)) {
      throw new HolderDataError(
        'HOLDER_DATA_UNREADABLE',
        `bytes after the holder template at offset ${length} are not 00`,
      );
    }

    return validateHolderData(decodeTemplate(node));
  } catch (error) {
    if (error instanceof HolderDataError && error.code === 'HOLDER_DATA_UNREADABLE') {
      throw error;
    }

    const reason = error instanceof Error ? error.message : String(error);
    throw new HolderDataError(
      'HOLDER_DATA_UNREADABLE',
      `holder data cannot be decoded: ${reason}`,
      {},
      { cause: error },
    );
  }
}
