import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { makeNationalNumber } from '@bitaqa/contracts';
import { waitFor } from '@bitaqa/testing';

import { quoteCsvValue, splitCsvLine } from '../../src/bulk-import/csv/csv-fields';
import type { ImportJobView } from '../../src/bulk-import/dto/import-job.dto';
import { FAMILY_COLUMNS, type FamilyColumn } from '../../src/bulk-import/families/family-row';
import { PERSON_COLUMNS, type PersonColumn } from '../../src/bulk-import/persons/person-row';

import { civilFetch } from './civil-auth';
import type { CivilTestApp } from './civil-test-app';

export type PersonLine = Record<PersonColumn, string>;
export type FamilyLine = Record<FamilyColumn, string>;

const MEN = ['محمد', 'أحمد', 'خالد', 'عمر', 'يوسف', 'سامر'];
const WOMEN = ['فاطمة', 'مريم', 'ليلى', 'هدى', 'رنا', 'سلمى'];
const FAMILY_NAMES = ['الحلبي', 'الشامي', 'الحمصي', 'الإدلبي'];

/** Hands out national numbers of one governorate from a serial upwards. */
export class NumberSource {
  constructor(
    private readonly governorate: number,
    private serial: number,
  ) {}

  next(): string {
    this.serial += 1;

    return makeNationalNumber(this.governorate, this.serial);
  }
}

export function personLine(
  nationalNumber: string,
  overrides: Partial<PersonLine> = {},
): PersonLine {
  const governorate = `SY${nationalNumber.slice(0, 2)}`;

  return {
    birth_date: '1970-05-01',
    birth_place: governorate,
    date_of_death: '',
    family_name_ar: 'الحلبي',
    father_name_ar: 'أحمد',
    father_national_number: '',
    given_name_ar: 'محمد',
    grandfather_name_ar: 'علي',
    mother_name_ar: 'فاطمة الشامي',
    mother_national_number: '',
    national_number: nationalNumber,
    registration_governorate: governorate,
    sex: 'M',
    ...overrides,
  };
}

export interface SampleRegister {
  families: FamilyLine[];
  /** Family id to the national numbers of its head, wife and children. */
  members: Map<string, string[]>;
  persons: PersonLine[];
}

/**
 * Builds a consistent register of `count` families: a head, a wife, two children born after the
 * marriage, parents on lines before their children. Every fifth head has died, which widows the
 * marriage. Family serials start after `familySerial`.
 */
export function sampleRegister(
  numbers: NumberSource,
  count: number,
  familySerial = 0,
): SampleRegister {
  const register: SampleRegister = { families: [], members: new Map(), persons: [] };

  for (let index = 0; index < count; index += 1) {
    const familyName = FAMILY_NAMES[index % FAMILY_NAMES.length] as string;
    const head = personLine(numbers.next(), {
      date_of_death: index % 5 === 4 ? '2015-03-03' : '',
      family_name_ar: familyName,
      given_name_ar: MEN[index % MEN.length] as string,
    });
    const wife = personLine(numbers.next(), {
      birth_date: '1975-08-20',
      family_name_ar: 'الشامي',
      given_name_ar: WOMEN[index % WOMEN.length] as string,
      sex: 'F',
    });
    const children = ['2001-02-10', '2004-11-30'].map((birthDate, position) =>
      personLine(numbers.next(), {
        birth_date: birthDate,
        family_name_ar: familyName,
        father_name_ar: head.given_name_ar,
        father_national_number: head.national_number,
        given_name_ar: (position === 0 ? MEN : WOMEN)[(index + 1) % 6] as string,
        grandfather_name_ar: head.father_name_ar,
        mother_name_ar: `${wife.given_name_ar} ${wife.family_name_ar}`,
        mother_national_number: wife.national_number,
        sex: position === 0 ? 'M' : 'F',
      }),
    );
    const familyId = `FAM-${head.registration_governorate}-${String(familySerial + index + 1).padStart(6, '0')}`;

    register.persons.push(head, wife, ...children);
    register.members.set(
      familyId,
      [head, wife, ...children].map((person) => person.national_number),
    );
    register.families.push(
      {
        family_id: familyId,
        joined_on: '1999-06-01',
        national_number: head.national_number,
        role: 'head',
      },
      {
        family_id: familyId,
        joined_on: '1999-06-01',
        national_number: wife.national_number,
        role: 'wife',
      },
      ...children.map((child) => ({
        family_id: familyId,
        joined_on: child.birth_date,
        national_number: child.national_number,
        role: 'child',
      })),
    );
  }

  return register;
}

/** CSV text with the header of `columns` and one line per row; `extra` lines go in verbatim. */
export function toCsv<Name extends string>(
  columns: readonly { name: Name }[],
  rows: readonly Record<Name, string>[],
): string {
  const header = columns.map((column) => column.name).join(',');
  const lines = rows.map((row) =>
    columns.map((column) => quoteCsvValue(row[column.name])).join(','),
  );

  return `${[header, ...lines].join('\n')}\n`;
}

export function personsCsv(rows: readonly PersonLine[]): string {
  return toCsv(PERSON_COLUMNS, rows);
}

export function familiesCsv(rows: readonly FamilyLine[]): string {
  return toCsv(FAMILY_COLUMNS, rows);
}

/** Writes a file under `dir`, creating the folder, and returns its path. */
export function writeFile(dir: string, name: string, text: string): string {
  mkdirSync(dir, { recursive: true });

  const path = join(dir, name);

  writeFileSync(path, text);

  return path;
}

/** Polls an import through the API until it leaves `running`. */
export function finishedImport(api: CivilTestApp, id: string): Promise<ImportJobView> {
  return waitFor(`import ${id} to finish`, async () => {
    const { body } = await api.get<ImportJobView>(`/imports/${id}`);

    return body.status === 'running' ? undefined : body;
  });
}

export interface ReportLine {
  code: string;
  column: string;
  file: string;
  line: number;
  message: string;
  value: string;
}

/** Fetches the reject report of an import and parses its CSV lines. */
export async function rejectReportOf(api: CivilTestApp, id: string): Promise<ReportLine[]> {
  const response = await civilFetch(api.running.url, `/imports/${id}/rejects`);
  const [header, ...lines] = (await response.text()).trimEnd().split('\n');

  if (header !== 'file,line_number,column,value,code,message') {
    throw new Error(`unexpected reject report header: ${header}`);
  }

  return lines.map((text) => {
    const split = splitCsvLine(text);

    if (!split.ok) throw new Error(`malformed reject report line: ${text}`);

    const [file, line, column, value, code, message] = split.fields as string[];

    return { code, column, file, line: Number(line), message, value } as ReportLine;
  });
}
