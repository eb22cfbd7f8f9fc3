import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { isValidNationalNumber } from '@bitaqa/contracts';

import { REGISTER_FAMILY_COLUMNS, REGISTER_PERSON_COLUMNS, writeRegisterCsv } from './register-csv';

function readCsv(path: string): { header: string; rows: Record<string, string>[] } {
  const [header, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const names = (header as string).split(',');

  return {
    header: header as string,
    rows: lines.map((line) =>
      Object.fromEntries(line.split(',').map((value, index) => [names[index], value])),
    ),
  };
}

describe('writeRegisterCsv', () => {
  let dir: string;
  let persons: ReturnType<typeof readCsv>;
  let families: ReturnType<typeof readCsv>;
  let counts: ReturnType<typeof writeRegisterCsv>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'register-csv-'));
    counts = writeRegisterCsv(dir, { persons: 3000, seed: 7 });
    persons = readCsv(join(dir, 'persons.csv'));
    families = readCsv(join(dir, 'families.csv'));
  });

  afterAll(() => {
    rmSync(dir, { force: true, recursive: true });
  });

  it('counts and headers', () => {
    expect(persons.header).toBe(REGISTER_PERSON_COLUMNS.join(','));
    expect(families.header).toBe(REGISTER_FAMILY_COLUMNS.join(','));
    expect(persons.rows).toHaveLength(counts.persons);
    expect(counts.persons).toBeGreaterThanOrEqual(3000);
    expect(families.rows).toHaveLength(counts.familyLines);
    expect(new Set(families.rows.map((row) => row.family_id)).size).toBe(counts.families);
  });

  it('valid unique national numbers', () => {
    const numbers = persons.rows.map((row) => row.national_number as string);

    expect(numbers.every(isValidNationalNumber)).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(
      persons.rows.every(
        (row) => row.national_number?.slice(0, 2) === row.registration_governorate?.slice(2),
      ),
    ).toBe(true);
  });

  it('parents on earlier lines', () => {
    const seen = new Map<string, Record<string, string>>();

    for (const row of persons.rows) {
      for (const [column, sex] of [
        ['father_national_number', 'M'],
        ['mother_national_number', 'F'],
      ] as const) {
        if (row[column] === '') continue;

        const parent = seen.get(row[column] as string);

        expect(parent?.sex).toBe(sex);
        expect((parent?.birth_date as string) < (row.birth_date as string)).toBe(true);
      }
      seen.set(row.national_number as string, row);
    }
  });

  it('family lines consecutive', () => {
    const closed = new Set<string>();
    let current = '';

    for (const row of families.rows) {
      if (row.family_id !== current) {
        expect(closed.has(row.family_id as string)).toBe(false);
        closed.add(current);
        current = row.family_id as string;
        expect(row.role).toBe('head');
      }
    }
  });

  it('same seed same files', () => {
    const again = mkdtempSync(join(tmpdir(), 'register-csv-'));

    writeRegisterCsv(again, { persons: 3000, seed: 7 });
    expect(readFileSync(join(again, 'persons.csv'), 'utf8')).toBe(
      readFileSync(join(dir, 'persons.csv'), 'utf8'),
    );
    expect(readFileSync(join(again, 'families.csv'), 'utf8')).toBe(
      readFileSync(join(dir, 'families.csv'), 'utf8'),
    );
    rmSync(again, { force: true, recursive: true });
  });
});
