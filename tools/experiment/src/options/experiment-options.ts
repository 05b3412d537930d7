import { REPORT_SCENARIOS } from '@hms/contracts';

import { ExperimentError, ExperimentErrorCode } from '../experiment-error';

/** What one experiment runs; every field has a bound so a typo cannot run for hours. */
export interface ExperimentOptions {
  /** Seconds each scenario attacks. */
  readonly scenarioSeconds: number;

  /** Idle containers the antagonist attacks and the monitor supervises. */
  readonly containers: number;

  /** Aggregation windows of the controller, in milliseconds. */
  readonly windowsMs: readonly number[];

  /** Names of the report's scenarios to run, in the report's order. */
  readonly scenarios: readonly string[];

  /** Also run every scenario once with no manager at all. */
  readonly withoutMonitor: boolean;

  /** Seed of the antagonist's random source, the same for every run. */
  readonly seed: number;

  /** Folder the results go to; a timestamped one under results/ by default. */
  readonly outputDir?: string;

  /** Extra settings of the manager (e.g. its restart backoff), as HMS_* variables. */
  readonly managerEnv: Readonly<Record<string, string>>;

  readonly quick: boolean;
}

export const DEFAULT_OPTIONS: ExperimentOptions = {
  scenarioSeconds: 35,
  containers: 5,
  windowsMs: [100, 1000, 2500],
  scenarios: REPORT_SCENARIOS.map(({ name }) => name),
  withoutMonitor: true,
  seed: 1,
  managerEnv: {},
  quick: false,
};

/** About two minutes: one window, short scenarios, three containers. */
export const QUICK_OPTIONS: ExperimentOptions = {
  ...DEFAULT_OPTIONS,
  scenarioSeconds: 8,
  containers: 3,
  windowsMs: [1000],
  quick: true,
};

export const USAGE = `Usage: npx nx run experiment:run [-- options]

Runs the report's four antagonist scenarios for each aggregation window, and
each once with no monitor, against idle containers of the local engine.

  --quick               about 2 minutes: 1 window (1 s), 8 s scenarios, 3 containers
  --seconds N           seconds each scenario attacks (5-600, default 35)
  --containers N        idle containers attacked (1-20, default 5)
  --windows A,B,...     aggregation windows in seconds (0-10 each, default 0.1,1,2.5)
  --scenarios A,B,...   only these of test_low_low, test_low_high, test_high_low,
                        test_high_high (default all four)
  --no-baseline         skip the runs without monitor
  --seed N              seed of the antagonist's random source (default 1)
  --manager-env K=V     a setting of the manager, e.g. HMS_RESTART_BACKOFF_BASE_MS=0
                        (repeatable; the run's namespace, host and scope are set by it)
  --out DIR             where results go (default results/experiment-<timestamp>)
  --help                this text`;

type Flag =
  | '--seconds'
  | '--containers'
  | '--windows'
  | '--scenarios'
  | '--seed'
  | '--out'
  | '--manager-env';

const VALUE_FLAGS: readonly Flag[] = [
  '--seconds',
  '--containers',
  '--windows',
  '--scenarios',
  '--seed',
  '--out',
  '--manager-env',
];

/** Variables each run sets itself: overriding them would break the run's isolation. */
const RUN_VARIABLES = [
  'HMS_NAMESPACE',
  'HMS_HOST_ADDRESS',
  'HMS_SCOPE_LABEL',
  'HMS_AMQP_URL',
];

/** Parses the command line; anything wrong is listed in one ExperimentError. */
export function parseOptions(argv: readonly string[]): ExperimentOptions | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) {
    return 'help';
  }

  const problems: string[] = [];
  let options: ExperimentOptions = argv.includes('--quick')
    ? QUICK_OPTIONS
    : DEFAULT_OPTIONS;

  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    if (flag === '--quick') {
      continue;
    }
    if (flag === '--no-baseline') {
      options = { ...options, withoutMonitor: false };
      continue;
    }
    if (!VALUE_FLAGS.includes(flag as Flag)) {
      problems.push(`unknown option '${flag}'`);
      continue;
    }

    const value = argv[index + 1];
    index += 1;
    if (value === undefined || value.startsWith('--')) {
      problems.push(`${flag} needs a value`);
      continue;
    }
    options = applyFlag(options, flag as Flag, value, problems);
  }

  if (problems.length > 0) {
    throw new ExperimentError(
      ExperimentErrorCode.BadOption,
      `${problems.join('; ')}\n\n${USAGE}`,
    );
  }

  return options;
}

function applyFlag(
  options: ExperimentOptions,
  flag: Flag,
  value: string,
  problems: string[],
): ExperimentOptions {
  switch (flag) {
    case '--seconds':
      return { ...options, scenarioSeconds: bounded(flag, value, 5, 600, problems) };
    case '--containers':
      return { ...options, containers: bounded(flag, value, 1, 20, problems) };
    case '--seed':
      return { ...options, seed: bounded(flag, value, 0, 4_294_967_295, problems) };
    case '--windows':
      return { ...options, windowsMs: windows(value, problems) };
    case '--scenarios':
      return { ...options, scenarios: scenarioNames(value, problems) };
    case '--out':
      return { ...options, outputDir: value };
    case '--manager-env':
      return {
        ...options,
        managerEnv: { ...options.managerEnv, ...setting(value, problems) },
      };
  }
}

function setting(text: string, problems: string[]): Record<string, string> {
  const match = /^(HMS_[A-Z0-9_]+)=(.*)$/.exec(text);
  if (match === null) {
    problems.push(
      `--manager-env takes HMS_NAME=value, e.g. HMS_THRESHOLD=40; not '${text}'`,
    );

    return {};
  }
  if (RUN_VARIABLES.includes(match[1])) {
    problems.push(
      `--manager-env cannot set ${match[1]}: each run sets ${RUN_VARIABLES.join(', ')} itself`,
    );

    return {};
  }

  return { [match[1]]: match[2] };
}

function bounded(
  flag: string,
  text: string,
  min: number,
  max: number,
  problems: string[],
): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    problems.push(`${flag} must be a whole number from ${min} to ${max}, not '${text}'`);
  }

  return value;
}

function windows(text: string, problems: string[]): number[] {
  const seconds = text.split(',').map((item) => item.trim());
  const valid = seconds.every((item) => /^\d+(\.\d+)?$/.test(item) && Number(item) <= 10);
  if (!valid || seconds.length > 5) {
    problems.push(
      `--windows must be up to 5 comma-separated seconds from 0 to 10, not '${text}'`,
    );
  }

  return seconds.map((item) => Math.round(Number(item) * 1000));
}

function scenarioNames(text: string, problems: string[]): string[] {
  const known = REPORT_SCENARIOS.map(({ name }) => name);
  const wanted = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (wanted.length === 0) {
    problems.push(`--scenarios needs at least one of ${known.join(', ')}`);

    return [];
  }
  const unknown = wanted.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    problems.push(
      `--scenarios takes names among ${known.join(', ')}; not '${unknown.join(', ')}'`,
    );
  }

  return known.filter((name) => wanted.includes(name));
}
