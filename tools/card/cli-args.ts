/** Reads `--name value` options; flags without a value are rejected with the usage text. */
export function parseOptions(
  argv: readonly string[],
  known: readonly string[],
  usage: string,
): Map<string, string> {
  const options = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 2) {
    const name = argv[index]!.replace(/^--/, '');
    const value = argv[index + 1];
    if (!known.includes(name) || value === undefined) {
      process.stderr.write(`${usage}\n`);
      process.exit(2);
    }

    options.set(name, value);
  }

  return options;
}

/** Reads an integer option, or exits with the usage text when it is not one. */
export function integerOption(
  options: Map<string, string>,
  name: string,
  fallback: number,
  usage: string,
): number {
  const raw = options.get(name);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value)) {
    process.stderr.write(`--${name} must be an integer, got "${raw}"\n${usage}\n`);
    process.exit(2);
  }

  return value;
}
