import type { SearchCriteria, SearchName } from './search-criteria';

/** A parameterized statement: `$1`-style placeholders in `text`, values in order. */
export interface SqlStatement {
  text: string;
  values: unknown[];
}

/**
 * The indexed word arrays of the names. Each must stay the same expression as in its index
 * definition in the migrations, or PostgreSQL will not use the index.
 */
const ARABIC_WORDS = "string_to_array(full_name_normalized, ' ')";
const LATIN_WORDS = "string_to_array(given_name_latin || ' ' || family_name_latin, ' ')";
const MOTHER_WORDS = "string_to_array(mother_name_normalized, ' ')";

const SELECT_HIT = `SELECT national_number, given_name_ar, father_name_ar, grandfather_name_ar,
  family_name_ar, given_name_latin, family_name_latin, mother_name_ar,
  to_char(birth_date, 'YYYY-MM-DD') AS birth_date, birth_place, governorate,
  sex::text AS sex, status::text AS status
FROM identities`;

class StatementBuilder {
  readonly conditions: string[] = [];
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder. */
  param(value: unknown): string {
    this.values.push(value);

    return `$${this.values.length}`;
  }

  where(condition: string): void {
    this.conditions.push(condition);
  }
}

/** Each word must be a whole word of the name, so سمير does not find سميره. */
function addNameConditions(builder: StatementBuilder, name: SearchName): void {
  const expression = name.script === 'arabic' ? ARABIC_WORDS : LATIN_WORDS;

  builder.where(`${expression} @> ${builder.param(name.words)}::text[]`);
}

function addFilters(builder: StatementBuilder, criteria: SearchCriteria): void {
  if (criteria.nationalNumber !== undefined) {
    builder.where(`national_number = ${builder.param(criteria.nationalNumber)}`);
  }

  if (criteria.motherName !== undefined) {
    builder.where(`${MOTHER_WORDS} @> ${builder.param(criteria.motherName.split(' '))}::text[]`);
  }

  if (criteria.birthPlace !== undefined) {
    builder.where(`birth_place LIKE ${builder.param(`${criteria.birthPlace}%`)}`);
  }

  if (criteria.birthYear !== undefined) {
    builder.where(`birth_date >= ${builder.param(`${criteria.birthYear}-01-01`)}::date`);
    builder.where(`birth_date < ${builder.param(`${criteria.birthYear + 1}-01-01`)}::date`);
  }

  if (criteria.after !== undefined) {
    builder.where(`national_number > ${builder.param(criteria.after)}`);
  }
}

/**
 * Builds the search statement. Results come in national-number order, which is stable and
 * lets pages continue from a cursor without counting skipped rows. One row more than the
 * limit is read to tell whether another page follows.
 */
export function buildSearchSql(criteria: SearchCriteria): SqlStatement {
  const builder = new StatementBuilder();

  if (criteria.name !== undefined) addNameConditions(builder, criteria.name);
  addFilters(builder, criteria);

  const where =
    builder.conditions.length === 0 ? '' : `\nWHERE ${builder.conditions.join('\n  AND ')}`;
  const limit = builder.param(criteria.limit + 1);

  return {
    text: `${SELECT_HIT}${where}\nORDER BY national_number\nLIMIT ${limit}`,
    values: builder.values,
  };
}
