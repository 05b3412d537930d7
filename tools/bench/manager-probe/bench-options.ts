import { BenchError, BenchErrorCode } from './bench-error';

/** What one run measures; every flag has a default that fits a 2-core machine. */
export interface BenchOptions {
  /** Idle containers created and probed. @default 200 */
  readonly containers: number;

  /** The bounded concurrency compared against the sequential baseline. @default 32 */
  readonly concurrency: number;

  /** Further concurrencies measured over the same containers. @default [8, 64] */
  readonly also: readonly number[];

  /** Cycles measured per concurrency (the median counts); sequential runs once. @default 3 */
  readonly repeats: number;

  /** The whole run, containers included, is cut off after this. @default 10 */
  readonly maxMinutes: number;
}

export const BENCH_USAGE = `Usage: npx ts-node -P tools/bench/tsconfig.json tools/bench/manager-probe/run.ts [flags]

  --containers N   idle containers to create and probe (1-500, default 200)
  --concurrency C  bounded concurrency compared with sequential (2-1024, default 32)
  --also LIST      more concurrencies to measure, e.g. 8,64 (default 8,64; none to skip)
  --repeats R      cycles per concurrency, the median counts (1-10, default 3)
  --max-minutes M  stop and clean up after M minutes whatever happens (1-30, default 10)
  --help           print this`;

const DEFAULTS: BenchOptions = {
  containers: 200,
  concurrency: 32,
  also: [8, 64],
  repeats: 3,
  maxMinutes: 10,
};

type Flag = 'containers' | 'concurrency' | 'also' | 'repeats' | 'max-minutes';

const INTEGER_RANGES: Record<Exclude<Flag, 'also'>, [number, number]> = {
  containers: [1, 500],
  concurrency: [2, 1024],
  repeats: [1, 10],
  'max-minutes': [1, 30],
};

/**
 * Reads `--flag value` or `--flag=value` pairs. Returns 'help' for --help;
 * throws a BenchError listing every bad flag otherwise.
 */
export function parseBenchOptions(argv: readonly string[]): BenchOptions | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) {
    return 'help';
  }

  const problems: string[] = [];
  const values = readFlags(argv, problems);
  const integer = (flag: Exclude<Flag, 'also'>, fallback: number) =>
    values.has(flag) ? parseInteger(flag, values.get(flag) ?? '', problems) : fallback;

  const options: BenchOptions = {
    containers: integer('containers', DEFAULTS.containers),
    concurrency: integer('concurrency', DEFAULTS.concurrency),
    also: values.has('also')
      ? parseList(values.get('also') ?? '', problems)
      : DEFAULTS.also,
    repeats: integer('repeats', DEFAULTS.repeats),
    maxMinutes: integer('max-minutes', DEFAULTS.maxMinutes),
  };
  if (problems.length > 0) {
    throw new BenchError(
      BenchErrorCode.BadFlag,
      `bad flags:\n  ${problems.join('\n  ')}\n\n${BENCH_USAGE}`,
    );
  }

  return options;
}

function readFlags(argv: readonly string[], problems: string[]): Map<Flag, string> {
  const values = new Map<Flag, string>();

  for (let index = 0; index < argv.length; index += 1) {
    const [name, inline] = argv[index].split(/=(.*)/s, 2);
    if (!name.startsWith('--')) {
      problems.push(`${argv[index]}: unexpected argument (flags are --name value)`);
      continue;
    }

    const next = argv[index + 1];
    const value = inline ?? (next?.startsWith('--') ? undefined : next);
    if (inline === undefined && value !== undefined) {
      index += 1;
    }

    const flag = name.slice(2);
    if (!isFlag(flag)) {
      problems.push(`${name}: unknown flag`);
    } else if (value === undefined) {
      problems.push(`${name}: needs a value`);
    } else {
      values.set(flag, value);
    }
  }

  return values;
}

function isFlag(name: string): name is Flag {
  return name === 'also' || name in INTEGER_RANGES;
}

function parseInteger(
  flag: Exclude<Flag, 'also'>,
  text: string,
  problems: string[],
): number {
  const [min, max] = INTEGER_RANGES[flag];
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    problems.push(`--${flag}=${text}: must be a whole number from ${min} to ${max}`);
  }

  return value;
}

function parseList(text: string, problems: string[]): number[] {
  if (text === 'none') {
    return [];
  }

  const items = text.split(',');
  const max = INTEGER_RANGES.concurrency[1];
  const valid = items.every(
    (item) => /^\d+$/.test(item) && Number(item) >= 1 && Number(item) <= max,
  );
  if (!valid) {
    problems.push(
      `--also=${text}: must be none or concurrencies from 1 to ${max}, e.g. 8,64`,
    );

    return [];
  }

  return [...new Set(items.map(Number))];
}
