import { MeasuredCycle } from './probe-bench';

/** The cycles measured at one concurrency over the same containers. */
export interface ConcurrencyRun {
  readonly concurrency: number;
  readonly cycles: readonly MeasuredCycle[];
}

/** Memory of the process running the manager's probing parts, in bytes. */
export interface MemoryFigures {
  readonly before: NodeJS.MemoryUsage;
  readonly after: NodeJS.MemoryUsage;
  readonly peakRss: number;
}

export interface BenchFigures {
  readonly containers: number;
  readonly probeWindowMs: number;
  readonly bounded: ConcurrencyRun;
  readonly sequential: ConcurrencyRun;
  readonly others: readonly ConcurrencyRun[];
  readonly memory: MemoryFigures;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);

  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function medianCycleMs(run: ConcurrencyRun): number {
  return median(run.cycles.map((cycle) => cycle.durationMs));
}

/** The figures as a table an engineer reads at a terminal. */
export function renderReport(figures: BenchFigures): string {
  const { containers, probeWindowMs, bounded, sequential, others, memory } = figures;
  const runs = [sequential, ...others, bounded].sort(
    (a, b) => a.concurrency - b.concurrency,
  );
  const speedUp = medianCycleMs(sequential) / medianCycleMs(bounded);

  return [
    `one probe alone (the probe window): ${probeWindowMs.toFixed(0)} ms (median)`,
    '',
    row('concurrency', 'cycle (median)', 'cycles', 'windows', 'ideal', 'loss', 'faults'),
    ...runs.map((run) => runRow(run, containers, probeWindowMs)),
    '',
    `bounded (${bounded.concurrency}) vs sequential (1) over the same ${containers} ` +
      `containers: ${formatMs(medianCycleMs(sequential))} / ` +
      `${formatMs(medianCycleMs(bounded))} = ${speedUp.toFixed(1)}x faster`,
    memoryLine(memory),
  ].join('\n');
}

function runRow(run: ConcurrencyRun, containers: number, windowMs: number): string {
  const cycleMs = medianCycleMs(run);
  const ideal = Math.ceil(containers / run.concurrency);
  const faults = Math.max(...run.cycles.map((cycle) => cycle.overThreshold));
  const failed = Math.max(...run.cycles.map((cycle) => cycle.failed));
  const loss = Math.max(...run.cycles.map((cycle) => cycle.meanLoss));

  return row(
    String(run.concurrency),
    formatMs(cycleMs),
    String(run.cycles.length),
    (cycleMs / windowMs).toFixed(1),
    String(ideal),
    `${loss.toFixed(1)}%`,
    failed > 0 ? `${faults} (+${failed} failed)` : String(faults),
  );
}

/** The baseline holds ts-node and the TypeScript compiler too: the change is the probing's. */
function memoryLine({ before, after, peakRss }: MemoryFigures): string {
  return (
    `RSS of this process (the manager's prober and scheduler, under ts-node): ` +
    `${mebibytes(before.rss)} before probing, ${mebibytes(after.rss)} after ` +
    `(${signedMebibytes(after.rss - before.rss)}), peak ${mebibytes(peakRss)}; ` +
    `JS heap ${mebibytes(before.heapUsed)} -> ${mebibytes(after.heapUsed)}`
  );
}

const COLUMN_WIDTHS = [11, 15, 7, 8, 6, 6, 7];

function row(...cells: string[]): string {
  return cells.map((cell, index) => cell.padStart(COLUMN_WIDTHS[index])).join('  ');
}

function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

function signedMebibytes(bytes: number): string {
  const value = (bytes / 1024 / 1024).toFixed(1);

  return `${bytes >= 0 ? '+' : ''}${value} MiB`;
}
