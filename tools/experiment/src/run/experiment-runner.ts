import { mkdir } from 'node:fs/promises';
import { cpus, release } from 'node:os';
import { join } from 'node:path';

import Docker from 'dockerode';

import { managementRequest } from '@hms/testing';

import { measureEngineFloor } from '../docker/engine-floor';
import { ExperimentError, ExperimentErrorCode } from '../experiment-error';
import { snapshotApps } from '../stack/app-snapshot';
import { BrokerCounters } from '../observe/broker-counters';
import { ExperimentOptions } from '../options/experiment-options';
import { describeRun, estimateSeconds, planRuns } from '../plan/experiment-plan';
import {
  baselineDisturbed,
  DISTURBED_BASELINE_WARNING,
  ExperimentResult,
  RunResult,
} from '../report/experiment-result';
import { ProgressBar } from '../report/progress-bar';
import { ScenarioRun } from './scenario-run';

const IDLE_IMAGE = 'hms/idle:latest';

export interface RunnerPaths {
  /** Folder with apps/<name>/main.js. */
  readonly distDir: string;
  readonly outputDir: string;
}

/**
 * Runs every planned scenario one after another and gathers the results.
 * Only one run's containers and apps exist at a time; abort() removes them.
 */
export class ExperimentRunner {
  private readonly docker = new Docker();
  private current: ScenarioRun | undefined;

  constructor(
    private readonly options: ExperimentOptions,
    private readonly paths: RunnerPaths,
    private readonly command: string,
  ) {}

  async run(): Promise<ExperimentResult> {
    await this.preflight();
    await mkdir(this.logDir, { recursive: true });
    await snapshotApps(this.paths.distDir, this.paths.outputDir);
    const startedAt = new Date().toISOString();
    const planned = planRuns(this.options);
    const progress = new ProgressBar(estimateSeconds(planned, this.options));
    progress.start();

    try {
      progress.update('measuring the engine floor (docker start)', 0);
      const engineFloor = await measureEngineFloor(
        this.docker,
        `exp-floor-${process.pid}`,
      );
      const runs: RunResult[] = [];

      for (const [index, run] of planned.entries()) {
        progress.update(
          `run ${index + 1}/${planned.length}: ${describeRun(run)}`,
          index / planned.length,
        );
        runs.push(await this.runOne(run, engineFloor.medianMs));
        progress.note(summarise(runs[runs.length - 1], index + 1, planned.length));
      }
      progress.update('done', 1);

      return {
        startedAt,
        finishedAt: new Date().toISOString(),
        command: this.command,
        machine: { cpus: cpus().length, kernel: release(), node: process.version },
        options: this.options,
        engineFloor,
        runs,
      };
    } finally {
      progress.finish();
    }
  }

  /** Removes the current run's apps and containers (on Ctrl-C). */
  async abort(): Promise<void> {
    await this.current?.tearDown();
  }

  /** The apps' output, one file per app and run, beside the results. */
  private get logDir(): string {
    return join(this.paths.outputDir, 'logs');
  }

  private async runOne(
    planned: Parameters<typeof describeRun>[0],
    floorMs: number,
  ): Promise<RunResult> {
    this.current = new ScenarioRun(planned, {
      docker: this.docker,
      broker: new BrokerCounters(),
      options: this.options,
      distDir: this.paths.outputDir,
      logDir: this.logDir,
      engineFloorMs: floorMs,
    });

    try {
      return await this.current.execute();
    } finally {
      this.current = undefined;
    }
  }

  private async preflight(): Promise<void> {
    const problems: string[] = [];

    await this.docker
      .ping()
      .catch(() => problems.push('the Docker engine does not answer'));
    await this.docker
      .getImage(IDLE_IMAGE)
      .inspect()
      .catch(() => problems.push(`the image ${IDLE_IMAGE} is missing`));
    await managementRequest('/overview').catch(() =>
      problems.push('the RabbitMQ management API does not answer on 127.0.0.1:15672'),
    );

    if (problems.length > 0) {
      throw new ExperimentError(
        ExperimentErrorCode.NotReady,
        `${problems.join('; ')}; run 'bash tools/bringup.sh' as root and try again`,
      );
    }
  }
}

function summarise(run: RunResult, done: number, total: number): string {
  const platform = run.monitor ? `window ${(run.windowMs ?? 0) / 1000} s` : 'no monitor';
  const recovery = run.recovery.medianMs === null ? '-' : `${run.recovery.medianMs} ms`;

  const warning = baselineDisturbed(run)
    ? `\n  WARNING: ${DISTURBED_BASELINE_WARNING}`
    : '';

  return (
    `run ${done}/${total} ${run.scenario.name}, ${platform}: availability ${run.availability}%, ` +
    `${run.recovery.attacks} stops (median recovery ${recovery}), ${run.lossAttacks} loss attacks, ` +
    `${run.restarts} restarts, ${run.messagesPerMinute} msg/min${warning}`
  );
}
