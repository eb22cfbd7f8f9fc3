import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { TokenSource } from '@bitaqa/auth';

import { postJson } from './civil-client';
import { POPULATION_FILES } from './population-files';
import type { BirthRow, DeathRow, MarriageRow, PersonRow } from './types';

export const REFS_FILE = 'refs.json';

/** Rows the import endpoint takes per request. */
const IMPORT_BATCH_SIZE = 5000;

/** Items the batch endpoints take per request. */
const EVENT_BATCH_SIZE = 1000;

/** Errors kept per step for the summary; the rest are only counted. */
const KEPT_ERRORS = 5;

export interface StepSummary {
  created: number;
  elapsedMs: number;
  /** First few errors, with the row's externalRef. */
  errors: { code: string; message: string; ref: string }[];
  existing: number;
  rejected: number;
  rowsPerSecond: number;
  /** Rows that name a person who is not registered (their own import was rejected). */
  skipped: number;
  total: number;
}

export interface FeedSummary {
  births: StepSummary;
  deaths: StepSummary;
  elapsedMs: number;
  marriages: StepSummary;
  persons: StepSummary;
  refsFile: string;
}

export interface FeedOptions {
  dir: string;
  /** Called after every request with one line of progress. */
  onProgress?: (line: string) => void;
  /** Access tokens for civil-records with scope civil:write, from the card authority. */
  tokens: TokenSource;
  url: string;
}

interface ItemError {
  code: string;
  message: string;
}

interface BatchAnswer<Result> {
  results: (({ ok: true } & Result) | { error: ItemError; index: number; ok: false })[];
}

interface ImportAnswer {
  persons: { externalRef: string; nationalNumber: string; status: 'created' | 'existing' }[];
  rejected: { code: string; externalRef?: string; reason: string }[];
}

function readRows<T>(dir: string, file: string): T[] {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as T[];
}

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const result: T[][] = [];

  for (let start = 0; start < rows.length; start += size)
    result.push(rows.slice(start, start + size));

  return result;
}

function emptyStep(total: number): StepSummary {
  return {
    created: 0,
    elapsedMs: 0,
    errors: [],
    existing: 0,
    rejected: 0,
    rowsPerSecond: 0,
    skipped: 0,
    total,
  };
}

class StepTimer {
  private readonly started = Date.now();

  constructor(
    private readonly name: string,
    private readonly step: StepSummary,
    private readonly onProgress?: (line: string) => void,
  ) {}

  report(done: number): void {
    this.step.elapsedMs = Date.now() - this.started;
    this.step.rowsPerSecond = Math.round((done * 1000) / Math.max(1, this.step.elapsedMs));
    this.onProgress?.(
      `${this.name} ${done}/${this.step.total} created=${this.step.created} ` +
        `existing=${this.step.existing} rejected=${this.step.rejected} ` +
        `skipped=${this.step.skipped} ${this.step.rowsPerSecond} rows/s`,
    );
  }
}

function keepError(step: StepSummary, ref: string, error: ItemError): void {
  step.rejected += 1;
  if (step.errors.length < KEPT_ERRORS) {
    step.errors.push({ code: error.code, message: error.message, ref });
  }
}

/**
 * Posts a generated population through the civil-records API in the order the rules need:
 * persons, then marriages, births and deaths. References resolve to the national numbers the
 * import assigned. Every endpoint used is idempotent, so feeding the same folder again
 * registers nothing twice. Writes `refs.json` (externalRef to national number) into the folder.
 */
export async function feedPopulation(options: FeedOptions): Promise<FeedSummary> {
  const started = Date.now();
  const refs = new Map<string, string>();
  const persons = await importPersons(options, refs);
  const marriages = await postMarriages(options, refs);
  const births = await postBirths(options, refs);
  const deaths = await postDeaths(options, refs);
  const refsFile = join(options.dir, REFS_FILE);

  writeFileSync(refsFile, `${JSON.stringify(Object.fromEntries(refs))}\n`);

  return { births, deaths, elapsedMs: Date.now() - started, marriages, persons, refsFile };
}

async function importPersons(
  options: FeedOptions,
  refs: Map<string, string>,
): Promise<StepSummary> {
  const rows = readRows<PersonRow>(options.dir, POPULATION_FILES.persons);
  const step = emptyStep(rows.length);
  const timer = new StepTimer('persons', step, options.onProgress);
  let done = 0;

  for (const chunk of chunks(rows, IMPORT_BATCH_SIZE)) {
    const answer = await postJson<ImportAnswer>(
      options.url,
      '/persons/import',
      chunk,
      options.tokens,
    );

    for (const person of answer.persons) {
      refs.set(person.externalRef, person.nationalNumber);
      step[person.status] += 1;
    }
    for (const row of answer.rejected) {
      keepError(step, row.externalRef ?? '', { code: row.code, message: row.reason });
    }
    done += chunk.length;
    timer.report(done);
  }

  return step;
}

/**
 * Posts rows through a batch endpoint. `toItem` resolves a row's references, returning
 * undefined when one is missing; the row is then counted as skipped.
 */
async function postBatches<Row, Result extends { status: 'created' | 'existing' }>(
  name: string,
  path: string,
  rows: readonly Row[],
  options: FeedOptions,
  convert: { ref: (row: Row) => string; toItem: (row: Row) => object | undefined },
  onCreated?: (row: Row, result: Result) => void,
): Promise<StepSummary> {
  const step = emptyStep(rows.length);
  const timer = new StepTimer(name, step, options.onProgress);
  let done = 0;

  for (const chunk of chunks(rows, EVENT_BATCH_SIZE)) {
    const resolved = chunk.flatMap((row) => {
      const item = convert.toItem(row);

      return item === undefined ? [] : [{ item, row }];
    });

    step.skipped += chunk.length - resolved.length;
    if (resolved.length > 0) {
      const answer = await postJson<BatchAnswer<Result>>(
        options.url,
        path,
        resolved.map((entry) => entry.item),
        options.tokens,
      );

      answer.results.forEach((result, position) => {
        const row = (resolved[position] as { row: Row }).row;

        if (!result.ok) return keepError(step, convert.ref(row), result.error);

        step[result.status] += 1;
        onCreated?.(row, result);
      });
    }
    done += chunk.length;
    timer.report(done);
  }

  return step;
}

function postMarriages(options: FeedOptions, refs: Map<string, string>): Promise<StepSummary> {
  const rows = readRows<MarriageRow>(options.dir, POPULATION_FILES.marriages);

  return postBatches('marriages', '/marriages/batch', rows, options, {
    ref: (row) => row.wifeRef,
    toItem: (row) => {
      const husband = refs.get(row.husbandRef);
      const wife = refs.get(row.wifeRef);

      return husband && wife
        ? { date: row.date, husbandNationalNumber: husband, wifeNationalNumber: wife }
        : undefined;
    },
  });
}

function postBirths(options: FeedOptions, refs: Map<string, string>): Promise<StepSummary> {
  const rows = readRows<BirthRow>(options.dir, POPULATION_FILES.births);

  return postBatches<BirthRow, { nationalNumber: string; status: 'created' | 'existing' }>(
    'births',
    '/births/batch',
    rows,
    options,
    {
      ref: (row) => row.externalRef,
      toItem: (row) => {
        const father = refs.get(row.fatherRef);
        const mother = refs.get(row.motherRef);
        const { fatherRef: _father, motherRef: _mother, ...child } = row;

        return father && mother
          ? { ...child, fatherNationalNumber: father, motherNationalNumber: mother }
          : undefined;
      },
    },
    (row, result) => refs.set(row.externalRef, result.nationalNumber),
  );
}

function postDeaths(options: FeedOptions, refs: Map<string, string>): Promise<StepSummary> {
  const rows = readRows<DeathRow>(options.dir, POPULATION_FILES.deaths);

  return postBatches('deaths', '/deaths/batch', rows, options, {
    ref: (row) => row.ref,
    toItem: (row) => {
      const nationalNumber = refs.get(row.ref);

      return nationalNumber ? { dateOfDeath: row.dateOfDeath, nationalNumber } : undefined;
    },
  });
}
