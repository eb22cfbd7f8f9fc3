import { InfraError } from './infra-error';

/** Prints one progress line in the same format as the infra shell scripts. */
export function printLine(tag: string, message: string): void {
  process.stdout.write(`[${tag}] ${message}\n`);
}

/**
 * Runs a script's main function. On failure it prints the error and exits with status 1, so the
 * calling shell script gets a readable reason instead of a bare stack trace.
 */
export function runMain(tag: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      const code = error instanceof InfraError ? ` (${error.code})` : '';
      const message = error instanceof Error ? error.message : String(error);

      process.stderr.write(`[${tag}] ERROR: ${message}${code}\n`);

      if (!(error instanceof InfraError) && error instanceof Error && error.stack) {
        process.stderr.write(`${error.stack}\n`);
      }

      process.exit(1);
    },
  );
}

/** Reads `--name value` as a positive integer, or returns the default when the flag is absent. */
export function readIntegerOption(args: readonly string[], name: string, fallback: number): number {
  const index = args.indexOf(name);

  if (index === -1) {
    return fallback;
  }

  const raw = args[index + 1];
  const value = Number(raw);

  if (raw === undefined || !Number.isInteger(value) || value <= 0) {
    throw new InfraError(
      'OPTION_INVALID',
      `option ${name} expects a positive integer, got "${raw ?? ''}"; for example ${name} ${fallback}`,
    );
  }

  return value;
}
