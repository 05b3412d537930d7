import { REPORT_SCENARIOS } from '@hms/contracts';

import { ExperimentResult, platformOf, RunResult } from './experiment-result';
import { BarChart } from './svg-bar-chart';

/**
 * Like the report's Figure 16: availability per scenario, a bar per platform,
 * and last the ceiling no monitor could beat against the same attacks.
 */
export function availabilityChart(result: ExperimentResult): BarChart {
  const { groups, series } = seriesBy(result, (run) => run.availability);
  const ceiling = {
    name: 'ceiling',
    values: groups.map((scenario) => meanCeiling(result.runs, scenario)),
  };

  return {
    title: 'Platform availability (share of time every container is up)',
    yLabel: 'availability (%)',
    yMax: 100,
    groups,
    series: [...series, ceiling],
  };
}

/** The ceiling of a scenario's monitor runs (their attacks differ a little), averaged. */
function meanCeiling(runs: readonly RunResult[], scenario: string): number | null {
  const ceilings = runs
    .filter((run) => run.monitor && run.scenario.name === scenario)
    .map((run) => run.ceiling);
  if (ceilings.length === 0) {
    return null;
  }

  const mean = ceilings.reduce((sum, value) => sum + value, 0) / ceilings.length;

  return Math.round(mean * 10) / 10;
}

/** Like the report's Figure 17: manager-controller messages per minute. */
export function bandwidthChart(result: ExperimentResult): BarChart {
  return {
    title: 'Bandwidth between managers and controller (RabbitMQ counters)',
    yLabel: 'messages per minute',
    ...seriesBy(
      result,
      (run) => run.messagesPerMinute,
      (run) => run.monitor,
    ),
  };
}

export function bandwidthBytesChart(result: ExperimentResult): BarChart {
  return {
    title: 'Bytes sent to the broker by managers and controller',
    yLabel: 'kB per minute',
    ...seriesBy(
      result,
      (run) => run.kilobytesPerMinute,
      (run) => run.monitor,
    ),
  };
}

/** Median recovery of stopped containers, in multiples of a bare `docker start`. */
export function recoveryChart(result: ExperimentResult): BarChart {
  return {
    title: `Recovery after a stop, as multiples of docker start (${result.engineFloor.medianMs.toFixed(0)} ms)`,
    yLabel: 'median recovery / engine start time',
    ...seriesBy(
      result,
      (run) => run.recovery.medianRatio,
      (run) => run.monitor,
    ),
  };
}

function seriesBy(
  result: ExperimentResult,
  value: (run: RunResult) => number | null,
  include: (run: RunResult) => boolean = () => true,
): Pick<BarChart, 'groups' | 'series'> {
  const runs = result.runs.filter(include);
  const platforms = [...new Set(runs.map((run) => platformOf(run)))];
  const scenarios = REPORT_SCENARIOS.map((scenario) => scenario.name).filter((name) =>
    runs.some((run) => run.scenario.name === name),
  );

  return {
    groups: scenarios,
    series: platforms.map((platform) => ({
      name: platform,
      values: scenarios.map((scenario) => {
        const run = runs.find(
          (candidate) =>
            candidate.scenario.name === scenario && platformOf(candidate) === platform,
        );

        return run === undefined ? null : value(run);
      }),
    })),
  };
}
