import { RunFigures } from '../analysis/run-analysis';
import { EngineFloor } from '../docker/engine-floor';
import { ExperimentOptions } from '../options/experiment-options';
import { ScenarioSettings } from '../plan/scenarios';

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
