import { randomBytes } from 'node:crypto';

import Docker from 'dockerode';

import { waitFor } from '@hms/testing';

import { analyseRun } from '../analysis/run-analysis';
import { ExperimentContainers } from '../docker/experiment-containers';
import { AvailabilityObserver } from '../observe/availability-observer';
import { BrokerCounters } from '../observe/broker-counters';
import { ContainerEvents } from '../observe/container-events';
import { TrafficRecorder } from '../observe/traffic-recorder';
import { ExperimentOptions } from '../options/experiment-options';
import { PlannedRun } from '../plan/experiment-plan';
import { RunResult } from '../report/experiment-result';
import { HmsStack } from '../stack/hms-stack';

/** Identity of the simulated host: loopback, so nothing ever leaves the machine. */
export const HOST_ADDRESS = '127.0.0.1';

/** Every container must answer before the attacks start. */
const ALL_UP_TIMEOUT_MS = 30_000;

/** After the attacks, the monitor gets this long to bring back what is still down. */
const SETTLE_TIMEOUT_MS = 15_000;

export interface RunContext {
  readonly docker: Docker;
  readonly broker: BrokerCounters;
  readonly options: ExperimentOptions;
  readonly distDir: string;
  readonly logDir: string;
  readonly engineFloorMs: number;
}

/**
 * One scenario on one platform, from nothing back to nothing: its own
 * containers and apps (fresh namespace, fresh manager state), the attack
 * phase under observation, then everything removed, also on failure.
 */
export class ScenarioRun {
  readonly id = `exp-${randomBytes(4).toString('hex')}`;
  private readonly containers: ExperimentContainers;
  private readonly stack: HmsStack;
  private readonly events: ContainerEvents;
  private readonly observer: AvailabilityObserver;

  constructor(
    private readonly planned: PlannedRun,
    private readonly context: RunContext,
  ) {
    this.containers = new ExperimentContainers(context.docker, this.id);
    this.events = new ContainerEvents(context.docker, this.containers.scopeLabel);
    this.observer = new AvailabilityObserver(this.containers);
    this.stack = new HmsStack({
      namespace: this.id,
      scopeLabel: this.containers.scopeLabel,
      hostAddress: HOST_ADDRESS,
      containers: context.options.containers,
      monitor: planned.monitor,
      windowMs: planned.windowMs,
      seed: context.options.seed,
      managerEnv: context.options.managerEnv,
      distDir: context.distDir,
      logDir: context.logDir,
      runId: `${planned.scenario.name}.${planned.monitor ? `window-${planned.windowMs}ms` : 'no-monitor'}`,
    });
  }

  async execute(): Promise<RunResult> {
    try {
      await this.prepare();

      return await this.attackAndObserve();
    } finally {
      await this.tearDown();
    }
  }

  /** Stops the apps and removes the containers; safe to call twice. */
  async tearDown(): Promise<void> {
    this.events.stop();
    this.observer.close();
    await this.stack.stop();
    await this.containers.removeAll();
  }

  private async prepare(): Promise<void> {
    await this.containers.create(this.context.options.containers);
    await this.stack.start();
    await waitFor(() => this.observer.allUp(), {
      timeoutMs: ALL_UP_TIMEOUT_MS,
      what: 'every container to run and answer ping',
    });
    await this.events.follow();
  }

  private async attackAndObserve(): Promise<RunResult> {
    const { options } = this.context;
    const controller = this.stack.controller;
    const traffic = new TrafficRecorder(
      this.context.broker,
      controller,
      this.stack.monitorPids,
    );

    await controller.configureAntagonist(HOST_ADDRESS, this.planned.scenario);
    const startedAt = Date.now();
    await controller.startAntagonist(HOST_ADDRESS);
    const deadline = startedAt + options.scenarioSeconds * 1000;
    const [samples, trafficSamples] = await Promise.all([
      this.observer.observeUntil(deadline),
      traffic.recordUntil(deadline),
    ]);
    const endedAt = Date.now();
    await controller.stopAntagonist(HOST_ADDRESS);

    await this.settle();
    const figures = analyseRun({
      startedAt,
      endedAt,
      samples,
      events: this.events.events,
      attacks: await controller.attacks(HOST_ADDRESS),
      traffic: trafficSamples,
      engineFloorMs: this.context.engineFloorMs,
    });

    return {
      scenario: this.planned.scenario,
      monitor: this.planned.monitor,
      windowMs: this.planned.windowMs ?? null,
      seconds: Math.round((endedAt - startedAt) / 100) / 10,
      containers: options.containers,
      ...figures,
    };
  }

  /** Lets the monitor finish the restarts of the last attacks, so they count as recovered. */
  private async settle(): Promise<void> {
    if (!this.planned.monitor) {
      return;
    }

    await waitFor(() => this.observer.allUp(), {
      timeoutMs: SETTLE_TIMEOUT_MS,
      intervalMs: 250,
      what: 'the monitor to bring every container back',
    }).catch(() => undefined); // still down after the deadline: counted as not recovered
  }
}
