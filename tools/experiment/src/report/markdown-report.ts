import { REPORT_SCENARIOS } from '@hms/contracts';

import {
  baselineDisturbed,
  DISTURBED_BASELINE_WARNING,
  ExperimentResult,
  platformOf,
  RunResult,
} from './experiment-result';

/** The experiment's report for people: what ran, the table of every run, the comparison. */
export function renderMarkdown(result: ExperimentResult): string {
  return [
    '# HMS availability experiment',
    '',
    `Ran ${result.startedAt} to ${result.finishedAt} on ${result.machine.cpus} cores, ` +
      `kernel ${result.machine.kernel}, Node ${result.machine.node}.`,
    `Command: \`${result.command}\``,
    '',
    `${result.options.containers} idle containers per run, ${result.options.scenarioSeconds} s of attacks ` +
      `per scenario, antagonist seed ${result.options.seed}, ${managerSettings(result)}.`,
    `Engine floor: a bare \`docker start\` of an idle container takes ` +
      `${result.engineFloor.medianMs.toFixed(0)} ms (median of ` +
      `${result.engineFloor.startsMs.map((ms) => ms.toFixed(0)).join(', ')} ms).`,
    '',
    '## Every run',
    '',
    ...runTable(result.runs),
    '',
    ...disturbedBaselines(result.runs),
    '## With and without the monitor',
    '',
    ...comparisonTable(result.runs),
    '',
    '## How to read it',
    '',
    "- availability: share of the observer's samples (5 per second) in which every container",
    '  was running and answered one ping from the host; per container: the mean share up.',
    '- ceiling: the availability no monitor could beat against the same attacks: each stopped',
    '  container counted down for exactly one bare `docker start` (the floor) from its death;',
    '  loss attacks left out, as the observer may still get an answer through them.',
    "- recovery: from a stop attack (antagonist's time) to the container's next `start` event",
    "  (engine's time); ×floor divides it by the bare `docker start` time above.",
    '  "recovered" counts stops followed by a start before the run ended.',
    '- loss healed: packet-loss attacks that the monitor ended by a restart before they ran out.',
    "- msg/min and kB/min: RabbitMQ's own counters (management API) for the AMQP connections",
    '  of the manager and the controller: messages they published and bytes they sent.',
    '  "counted" is the controller\'s own count of messages with managers (GET /metrics).',
    '',
  ].join('\n');
}

function runTable(runs: readonly RunResult[]): string[] {
  const header =
    '| scenario | platform | availability | ceiling | per container | stops | recovered | recovery median (×floor) | p95 (×floor) | loss attacks | loss healed | restarts | msg/min | kB/min | counted msg/min |';
  const rule = `|${'---|'.repeat(15)}`;

  return [
    header,
    rule,
    ...runs.map((run) =>
      cells([
        run.scenario.name,
        platformOf(run),
        `${run.availability.toFixed(1)}%`,
        // Without a monitor stopped containers stay down and draw no more
        // attacks, so the bound says nothing about that platform.
        run.monitor ? `${run.ceiling.toFixed(1)}%` : '-',
        `${run.containerAvailability.toFixed(1)}%`,
        String(run.recovery.attacks),
        String(run.recovery.recovered),
        withRatio(run.recovery.medianMs, run.recovery.medianRatio),
        withRatio(run.recovery.p95Ms, run.recovery.p95Ratio),
        String(run.lossAttacks),
        String(run.lossHealedByRestart),
        String(run.restarts),
        run.messagesPerMinute.toFixed(1),
        run.kilobytesPerMinute.toFixed(1),
        run.countedMessagesPerMinute.toFixed(1),
      ]),
    ),
  ];
}

function disturbedBaselines(runs: readonly RunResult[]): string[] {
  const disturbed = runs.filter(baselineDisturbed);

  return disturbed.flatMap((run) => [
    `**Warning, ${run.scenario.name} without monitor:** ${DISTURBED_BASELINE_WARNING}.`,
    '',
  ]);
}

function comparisonTable(runs: readonly RunResult[]): string[] {
  const rows = REPORT_SCENARIOS.flatMap((scenario) => {
    const ofScenario = runs.filter((run) => run.scenario.name === scenario.name);
    const monitored = ofScenario.filter((run) => run.monitor);
    const bare = ofScenario.find((run) => !run.monitor);
    if (monitored.length === 0) {
      return [];
    }

    const byWindow = monitored.map(
      (run) => `${platformOf(run)}: ${run.availability.toFixed(1)}%`,
    );
    const without = bare === undefined ? 'not run' : `${bare.availability.toFixed(1)}%`;
    const ceilings = monitored.map((run) => `${run.ceiling.toFixed(1)}%`);

    return [cells([scenario.name, byWindow.join(', '), without, ceilings.join(', ')])];
  });

  return [
    '| scenario | with monitor | without monitor | ceiling (each window) |',
    '|---|---|---|---|',
    ...rows,
  ];
}

function managerSettings(result: ExperimentResult): string {
  const settings = Object.entries(result.options.managerEnv).map(
    ([key, value]) => `${key}=${value}`,
  );

  return settings.length === 0
    ? 'manager with its defaults'
    : `manager with ${settings.join(' ')}`;
}

function withRatio(ms: number | null, ratio: number | null): string {
  if (ms === null) {
    return '-';
  }

  return ratio === null ? `${ms} ms` : `${ms} ms (${ratio.toFixed(1)}×)`;
}

function cells(values: string[]): string {
  return `| ${values.join(' | ')} |`;
}
