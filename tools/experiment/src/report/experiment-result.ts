import { ScenarioSettings } from '@hms/contracts';

import { RunFigures } from '../analysis/run-analysis';
import { EngineFloor } from '../docker/engine-floor';
import { ExperimentOptions } from '../options/experiment-options';

export interface RunResult extends RunFigures {
  readonly scenario: ScenarioSettings;
  readonly monitor: boolean;

  /** Aggregation window (ms) of monitor runs; null without monitor. */
  readonly windowMs: number | null;

  /** Length of the attack phase actually observed, in seconds. */
  readonly seconds: number;
  readonly containers: number;
}

/** Everything results.json holds; the Markdown report and charts are made from it. */
export interface ExperimentResult {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly command: string;
  readonly machine: {
    readonly cpus: number;
    readonly kernel: string;
    readonly node: string;
  };
  readonly options: ExperimentOptions;
  readonly engineFloor: EngineFloor;
  readonly runs: readonly RunResult[];
}

/** `window 0.1 s` or `no monitor`. */
export function platformOf(run: Pick<RunResult, 'monitor' | 'windowMs'>): string {
  return run.monitor ? `window ${(run.windowMs ?? 0) / 1000} s` : 'no monitor';
}

/**
 * A run without monitor in which containers were started again anyway:
 * another manager (e.g. one from tools/start.sh, which sees every container)
 * or a restart policy healed them, so the run is no baseline.
 */
export function baselineDisturbed(run: Pick<RunResult, 'monitor' | 'restarts'>): boolean {
  return !run.monitor && run.restarts > 0;
}

export const DISTURBED_BASELINE_WARNING =
  'containers were restarted although no monitor ran: another HMS manager or a restart ' +
  'policy healed them, so this is no baseline; stop other managers and run again';
