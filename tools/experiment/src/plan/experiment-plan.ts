import { REPORT_SCENARIOS, ScenarioSettings } from '@hms/contracts';

import { ExperimentOptions } from '../options/experiment-options';

/** One scenario against one configuration of the platform. */
export interface PlannedRun {
  readonly scenario: ScenarioSettings;

  /** False: no manager runs, nothing heals the containers. */
  readonly monitor: boolean;

  /** Aggregation window of the controller (monitor runs). */
  readonly windowMs?: number;
}

/**
 * Seconds each run spends outside its scenario: starting the apps and the
 * containers, waiting for every container to answer, tearing down (about 8 s
 * on the 2-core machine). Used for the time estimate only.
 */
export const RUN_OVERHEAD_SECONDS = 8;

/**
 * After the attacks, the monitor brings back the containers still down; the
 * longer the attacks, the longer their restart backoff: about a quarter of
 * the scenario's length, measured.
 */
export const SETTLE_SHARE = 0.25;

/** Seconds spent before the runs, measuring the engine's own start time. */
export const FLOOR_SECONDS = 5;

/** Every window with every scenario, then (optionally) every scenario without monitor. */
export function planRuns(options: ExperimentOptions): PlannedRun[] {
  const scenarios = REPORT_SCENARIOS.filter(({ name }) =>
    options.scenarios.includes(name),
  );
  const monitored = options.windowsMs.flatMap((windowMs) =>
    scenarios.map((scenario) => ({ scenario, monitor: true, windowMs })),
  );
  const unmonitored = options.withoutMonitor
    ? scenarios.map((scenario) => ({ scenario, monitor: false }))
    : [];

  return [...monitored, ...unmonitored];
}

export function estimateSeconds(
  runs: readonly PlannedRun[],
  options: ExperimentOptions,
): number {
  return FLOOR_SECONDS + runs.length * (options.scenarioSeconds + RUN_OVERHEAD_SECONDS);
}

/** `test_low_high, window 0.1 s` or `test_low_high, no monitor`. */
export function describeRun(run: PlannedRun): string {
  const platform = run.monitor ? `window ${(run.windowMs ?? 0) / 1000} s` : 'no monitor';

  return `${run.scenario.name}, ${platform}`;
}
