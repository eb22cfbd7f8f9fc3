import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

import { makeNationalNumber } from '@bitaqa/contracts';

import { generateFamilies } from './generate-population';
import type { BirthRow, FamilyRecords, PersonRow } from './types';

/**
 * Columns of the persons and families files that the civil-records bulk import reads, in the
 * order written here.
 */
export const REGISTER_PERSON_COLUMNS = [
  'national_number',
  'given_name_ar',
  'father_name_ar',
  'grandfather_name_ar',
  'family_name_ar',
  'mother_name_ar',
  'sex',
  'birth_date',
  'birth_place',
  'registration_governorate',
  'date_of_death',
  'father_national_number',
  'mother_national_number',
] as const;

export const REGISTER_FAMILY_COLUMNS = [
  'family_id',
  'national_number',
  'role',
  'joined_on',
] as const;

export const REGISTER_FILES = { families: 'families.csv', persons: 'persons.csv' } as const;

type PersonColumn = (typeof REGISTER_PERSON_COLUMNS)[number];
type FamilyColumn = (typeof REGISTER_FAMILY_COLUMNS)[number];

export interface RegisterCounts {
  families: number;
  familyLines: number;
  persons: number;
}

export interface RegisterOptions {
  /** Families are generated until the persons reach at least this many. */
  persons: number;
  seed: number;
}

const FLUSH_BYTES = 1 << 20;

/** A CSV file written in 1 MiB pieces, so memory stays flat for any size. */
class CsvWriter {
  private readonly fd: number;
  private pending: string[] = [];
  private pendingBytes = 0;
  lines = 0;

  constructor(path: string, header: readonly string[]) {
    this.fd = openSync(path, 'w');
    this.pending.push(`${header.join(',')}\n`);
  }

  append(fields: readonly string[]): void {
    const line = `${fields.map(quote).join(',')}\n`;

    this.pending.push(line);
    this.pendingBytes += line.length * 2;
    this.lines += 1;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingBytes = 0;
  }
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Issues national numbers per registration governorate from serial 1, as the old register did. */
class NationalNumbers {
  private readonly serials = new Map<string, number>();

  next(governorate: string): string {
    const serial = (this.serials.get(governorate) ?? 0) + 1;

    this.serials.set(governorate, serial);

    return makeNationalNumber(Number(governorate.slice(2)), serial);
  }
}

interface Registered {
  nationalNumber: string;
  row: PersonRow;
}

/**
 * Turns the generated population into the existing register as the bulk import reads it:
 * every person already has a national number, children carry their parents' numbers and
 * their father's family name, the dead carry their date of death, and each husband heads a
 * family book with his wives (joined on the marriage) and children (joined at birth). An
 * unmarried sibling is listed as a person only. Parents always come on earlier lines than their
 * children, and the lines of one family book are consecutive.
 */
class RegisterWriter {
  private readonly familySerials = new Map<string, number>();
  private readonly numbers = new NationalNumbers();
  books = 0;

  constructor(
    private readonly persons: CsvWriter,
    private readonly families: CsvWriter,
  ) {}

  write(family: FamilyRecords): void {
    const deaths = new Map(family.deaths.map((death) => [death.ref, death.dateOfDeath]));
    const adults = new Map<string, Registered>();

    for (const row of family.persons) {
      const registered = { nationalNumber: this.numbers.next(row.registrationGovernorate), row };

      adults.set(row.externalRef, registered);
      this.persons.append(personFields(registered, deaths.get(row.externalRef) ?? ''));
    }

    const children = family.births.map((birth) => this.writeChild(birth, adults));

    if (family.marriages.length > 0) this.writeBook(family, adults, children);
  }

  private writeChild(
    birth: BirthRow,
    adults: ReadonlyMap<string, Registered>,
  ): Registered & { joinedOn: string } {
    const father = adults.get(birth.fatherRef) as Registered;
    const mother = adults.get(birth.motherRef) as Registered;
    const row: PersonRow = {
      birthDate: birth.birthDate,
      birthPlace: birth.birthPlace,
      externalRef: birth.externalRef,
      familyNameAr: father.row.familyNameAr,
      fatherNameAr: father.row.givenNameAr,
      givenNameAr: birth.givenNameAr,
      grandfatherNameAr: father.row.fatherNameAr,
      motherNameAr: `${mother.row.givenNameAr} ${mother.row.familyNameAr}`,
      registrationGovernorate: father.row.registrationGovernorate,
      sex: birth.sex,
    };
    const child = { nationalNumber: this.numbers.next(row.registrationGovernorate), row };

    this.persons.append(
      personFields(child, '', { father: father.nationalNumber, mother: mother.nationalNumber }),
    );

    return { ...child, joinedOn: birth.birthDate };
  }

  private writeBook(
    family: FamilyRecords,
    adults: ReadonlyMap<string, Registered>,
    children: readonly (Registered & { joinedOn: string })[],
  ): void {
    const familyId = this.nextFamilyId(family.governorate);

    this.books += 1;

    const first = family.marriages[0] as FamilyRecords['marriages'][number];
    const head = adults.get(first.husbandRef) as Registered;
    const line = (nationalNumber: string, role: string, joinedOn: string): void =>
      this.families.append(
        orderedFields<FamilyColumn>(REGISTER_FAMILY_COLUMNS, {
          family_id: familyId,
          joined_on: joinedOn,
          national_number: nationalNumber,
          role,
        }),
      );

    line(head.nationalNumber, 'head', first.date);
    for (const marriage of family.marriages) {
      line((adults.get(marriage.wifeRef) as Registered).nationalNumber, 'wife', marriage.date);
    }
    for (const child of children) line(child.nationalNumber, 'child', child.joinedOn);
  }

  private nextFamilyId(governorate: string): string {
    const serial = (this.familySerials.get(governorate) ?? 0) + 1;

    this.familySerials.set(governorate, serial);

    return `FAM-${governorate}-${String(serial).padStart(6, '0')}`;
  }
}

function orderedFields<Name extends string>(
  columns: readonly Name[],
  values: Record<Name, string>,
): string[] {
  return columns.map((column) => values[column]);
}

function personFields(
  { nationalNumber, row }: Registered,
  dateOfDeath: string,
  parents = { father: '', mother: '' },
): string[] {
  const values: Record<PersonColumn, string> = {
    birth_date: row.birthDate,
    birth_place: row.birthPlace,
    date_of_death: dateOfDeath,
    family_name_ar: row.familyNameAr,
    father_name_ar: row.fatherNameAr,
    father_national_number: parents.father,
    given_name_ar: row.givenNameAr,
    grandfather_name_ar: row.grandfatherNameAr,
    mother_name_ar: row.motherNameAr,
    mother_national_number: parents.mother,
    national_number: nationalNumber,
    registration_governorate: row.registrationGovernorate,
    sex: row.sex,
  };

  return orderedFields(REGISTER_PERSON_COLUMNS, values);
}

/**
 * Writes `persons.csv` and `families.csv` of a deterministic register into `dir`: the same
 * seed and size always give the same files. Calls `onProgress` every 10,000 generated families.
 */
export function writeRegisterCsv(
  dir: string,
  options: RegisterOptions,
  onProgress?: (counts: RegisterCounts) => void,
): RegisterCounts {
  mkdirSync(dir, { recursive: true });

  const persons = new CsvWriter(join(dir, REGISTER_FILES.persons), REGISTER_PERSON_COLUMNS);
  const families = new CsvWriter(join(dir, REGISTER_FILES.families), REGISTER_FAMILY_COLUMNS);
  const writer = new RegisterWriter(persons, families);
  const counts = (): RegisterCounts => ({
    families: writer.books,
    familyLines: families.lines,
    persons: persons.lines,
  });
  let done = 0;

  // generateFamilies needs a count up front; this one is never reached before the persons are.
  for (const family of generateFamilies({ families: options.persons, seed: options.seed })) {
    writer.write(family);
    done += 1;
    if (done % 10_000 === 0) onProgress?.(counts());
    if (persons.lines >= options.persons) break;
  }

  persons.close();
  families.close();

  return counts();
}
