/** Settings of one benchmark run, from `--name value` arguments. */
export interface BenchOptions {
  /** Clients, each keeping one request in flight. */
  concurrency: number;
  /** Seconds of measured load per side, after a warm-up. */
  duration: number;
  families: number;
  /** Millilitres of heating diesel per redemption. */
  quantity: number;
  stations: number;
}

const DEFAULTS: BenchOptions = {
  concurrency: 8,
  duration: 20,
  families: 5_000,
  quantity: 1_000,
  stations: 20,
};

export function parseOptions(argv: string[]): BenchOptions {
  const options = { ...DEFAULTS };

  for (const name of Object.keys(DEFAULTS) as (keyof BenchOptions)[]) {
    const index = argv.indexOf(`--${name}`);

    if (index < 0) continue;

    const value = Number(argv[index + 1]);

    if (!Number.isInteger(value) || value < 1) {
      throw new Error(
        `--${name} must be a positive whole number, such as --${name} ${DEFAULTS[name]}`,
      );
    }
    options[name] = value;
  }
  if (options.stations > 42) throw new Error('--stations is at most 42, the seeded stations');

  return options;
}
