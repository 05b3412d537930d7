import 'reflect-metadata';

import { randomBytes } from 'node:crypto';

import { Logger } from '@nestjs/common';

import { BenchError, BenchErrorCode } from './bench-error';
import { BenchFleet } from './bench-fleet';
import { BENCH_USAGE, BenchOptions, parseBenchOptions } from './bench-options';
import { BenchFigures, ConcurrencyRun, median, renderReport } from './bench-report';
import { ProbeBench } from './probe-bench';
import { cleanUpOnInterrupt } from './interruption';

/** Probes timed alone to find the probe window. */
const WINDOW_SAMPLES = 5;

/**
 * Measures the manager's probe cycle over real idle containers: the bounded
 * concurrency against a sequential baseline over the same containers, in
 * probe windows, and the memory the probing parts hold. Prints figures only.
 */
async function main(argv: readonly string[]): Promise<void> {
  const options = parseBenchOptions(argv);
  if (options === 'help') {
    console.log(BENCH_USAGE);

    return;
  }

  // The healer's warnings (a restart after a lossy probe) still show.
  Logger.overrideLogger(['warn', 'error']);
  const fleet = new BenchFleet(randomBytes(4).toString('hex'));
  const standDown = cleanUpOnInterrupt(fleet, options.maxMinutes * 60_000);

  try {
    await fleet.checkReady();
    console.log(renderReport(await measure(fleet, options)));
  } finally {
    const started = Date.now();
    const removed = await fleet.removeAll();
    standDown();
    console.log(`removed ${removed} containers in ${seconds(Date.now() - started)}`);
  }
}

async function measure(fleet: BenchFleet, options: BenchOptions): Promise<BenchFigures> {
  await createFleet(fleet, options.containers);

  const bench = new ProbeBench(fleet.scopeLabel);
  try {
    const addresses = await openBench(bench, options.containers);

    return await measureProbing(bench, addresses, options);
  } finally {
    bench.close();
  }
}

async function createFleet(fleet: BenchFleet, count: number): Promise<void> {
  console.log(`creating ${count} idle containers labelled ${fleet.scopeLabel}...`);
  const started = Date.now();

  await fleet.create(count);

  const createdMs = Date.now() - started;
  console.log(
    `created and started ${count} containers in ${seconds(createdMs)} ` +
      `(${((count * 1000) / createdMs).toFixed(1)} per second)`,
  );
}

/** Lists the fleet into the manager's registry; every container must have an address. */
async function openBench(bench: ProbeBench, count: number): Promise<string[]> {
  const addresses = await bench.open();
  if (addresses.length !== count) {
    throw new BenchError(
      BenchErrorCode.FleetNotReady,
      `only ${addresses.length} of ${count} containers run with an IPv4 address`,
    );
  }

  const { probeCount, probeIntervalMs, probeTimeoutMs, threshold } = bench.config;
  console.log(
    `probes: ${probeCount} echo requests ${probeIntervalMs} ms apart, ` +
      `${probeTimeoutMs} ms timeout each, threshold ${threshold}%`,
  );

  return addresses;
}

async function measureProbing(
  bench: ProbeBench,
  addresses: readonly string[],
  options: BenchOptions,
): Promise<BenchFigures> {
  const { containers, concurrency, repeats } = options;
  const before = process.memoryUsage();

  const warmUp = await bench.cycle(concurrency);
  console.log(`warm-up cycle at ${concurrency} (ARP, JIT): ${warmUp.durationMs} ms`);
  const probeWindowMs = await measureProbeWindow(bench, addresses);

  const bounded = await measureAt(bench, concurrency, repeats);
  console.log(
    `sequential cycle: about ${containers} x ${probeWindowMs.toFixed(0)} ms = ` +
      `${seconds(containers * probeWindowMs)}...`,
  );
  const sequential = await measureAt(bench, 1, 1);
  const others: ConcurrencyRun[] = [];
  for (const other of options.also.filter((c) => c !== 1 && c !== concurrency)) {
    others.push(await measureAt(bench, other, repeats));
  }

  const memory = {
    before,
    after: process.memoryUsage(),
    peakRss: process.resourceUsage().maxRSS * 1024,
  };

  return { containers, probeWindowMs, bounded, sequential, others, memory };
}

/** One probe at a time over a few containers: the median is the probe window. */
async function measureProbeWindow(
  bench: ProbeBench,
  addresses: readonly string[],
): Promise<number> {
  const windows: number[] = [];
  for (const address of addresses.slice(0, WINDOW_SAMPLES)) {
    windows.push(await bench.probeAlone(address));
  }

  return median(windows);
}

async function measureAt(
  bench: ProbeBench,
  concurrency: number,
  repeats: number,
): Promise<ConcurrencyRun> {
  const cycles = [];
  for (let cycle = 0; cycle < repeats; cycle += 1) {
    cycles.push(await bench.cycle(concurrency));
  }
  console.log(
    `concurrency ${concurrency}: ${cycles.map((cycle) => `${cycle.durationMs} ms`).join(', ')}`,
  );

  return { concurrency, cycles };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof BenchError && error.code === BenchErrorCode.Interrupted) {
      // The interrupt's own cleanup ends the process, with the signal's exit code.
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    console.error(`manager-probe benchmark failed: ${message}`);
    process.exit(1);
  },
);
