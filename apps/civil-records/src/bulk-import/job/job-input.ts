import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve, sep } from 'node:path';

import { RuleViolationError } from '@bitaqa/http';

import { readFileInfo } from '../csv/file-info';
import { readHeader } from '../csv/header';
import { FILE_COLUMNS } from '../runner/file-steps';
import type { FileKind } from '../types';

import type { NewImportFile } from './job-store';

export interface ImportPaths {
  familiesPath?: string;
  personsPath: string;
}

export interface PathRules {
  /** Folder that relative paths start from. */
  baseDir: string;
  /** When set, every file must resolve (symbolic links followed) to a place inside this folder. */
  confineTo?: string;
}

const FIELDS: Record<FileKind, keyof ImportPaths> = {
  families: 'familiesPath',
  persons: 'personsPath',
};

/**
 * Checks the input files of a new import: each exists, is a regular file, lies inside the
 * allowed folder and has a header that fits its columns. Fails with a 422 naming the field.
 * Returns the files with their real paths, sizes and fingerprints.
 */
export async function inspectImportFiles(
  paths: ImportPaths,
  rules: PathRules,
): Promise<NewImportFile[]> {
  const kinds: FileKind[] =
    paths.familiesPath === undefined ? ['persons'] : ['persons', 'families'];
  const resolved: { kind: FileKind; path: string }[] = [];

  for (const kind of kinds) {
    resolved.push({
      kind,
      path: await resolveFile(paths[FIELDS[kind]] as string, FIELDS[kind], rules),
    });
  }
  if (resolved.length === 2 && resolved[0]?.path === resolved[1]?.path) {
    throw new RuleViolationError('SAME_FILE', 'personsPath and familiesPath name the same file', {
      field: 'familiesPath',
      value: paths.familiesPath,
    });
  }

  const files: NewImportFile[] = [];

  for (const { kind, path } of resolved) {
    const info = await readFileInfo(path);

    requireHeader(kind, info.firstLine, paths[FIELDS[kind]] as string);
    files.push({ fingerprint: info.fingerprint, kind, path, sizeBytes: info.sizeBytes });
  }

  return files;
}

function requireHeader(kind: FileKind, firstLine: string | undefined, requested: string): void {
  const header = readHeader(firstLine, FILE_COLUMNS[kind]);

  if (header.ok) return;

  const field = FIELDS[kind];

  throw new RuleViolationError('CSV_HEADER_INVALID', `${field} ${requested}: ${header.message}`, {
    field,
    hint: `the first line must name the columns ${FILE_COLUMNS[kind].map((column) => column.name).join(',')}`,
    value: requested,
  });
}

async function resolveFile(requested: string, field: string, rules: PathRules): Promise<string> {
  const absolute = isAbsolute(requested) ? requested : resolve(rules.baseDir, requested);
  const real = await realpath(absolute).catch(() => undefined);

  if (real === undefined) {
    throw new RuleViolationError('FILE_NOT_FOUND', `${field} ${requested} does not exist`, {
      field,
      hint: rules.confineTo ? `place the file under ${rules.confineTo}` : undefined,
      value: requested,
    });
  }
  if (rules.confineTo !== undefined) {
    const folder = await realpath(rules.confineTo).catch(() => resolve(rules.confineTo as string));

    if (!real.startsWith(folder + sep)) {
      throw new RuleViolationError(
        'PATH_OUTSIDE_IMPORT_DIR',
        `${field} ${requested} is outside the import folder`,
        {
          field,
          hint: `place the file under ${folder}`,
          value: requested,
        },
      );
    }
  }
  if (!(await stat(real)).isFile()) {
    throw new RuleViolationError('NOT_A_FILE', `${field} ${requested} is not a regular file`, {
      field,
      value: requested,
    });
  }

  return real;
}
