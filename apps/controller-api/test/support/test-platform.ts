import {
  managementRequest,
  removeBrokerNamespace,
  waitFor,
  WaitOptions,
} from '@hms/testing';
import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';

import { createControllerApp } from '../../src/app/create-controller-app';
import { loadControllerConfig } from '../../src/config/controller.config';
import { ManagerProcess } from './manager-process';
import { ControllerApi } from './controller-api';
import { TestContainers } from './test-containers';

/** Fast beats so that liveness changes within a test: unreachable after 3 x 500 ms. */
export const HEARTBEAT_INTERVAL_MS = 500;
export const RPC_TIMEOUT_MS = 1500;

/** What startTwoHosts made: host 1's (a) and host 2's (b) managers and containers. */
export interface TwoHosts {
  readonly managers: { readonly a: ManagerProcess; readonly b: ManagerProcess };
  readonly containers: {
    readonly webA1: string;
    readonly webA2: string;
    readonly webB1: string;
  };
}

/**
 * One test run's own platform on the shared engine and broker: a random
 * namespace, the controller in-process on an ephemeral loopback port, real
 * managers as child processes (one per loopback "host" address), and idle
 * containers each manager alone sees through its scope label.
 */
export class TestPlatform {
  readonly runId = `ctl${randomBytes(4).toString('hex')}`;
  readonly namespace = `test-${this.runId}`;
  readonly containers = new TestContainers(this.runId);
  private readonly managers: ManagerProcess[] = [];
  private app?: INestApplication;
  private client?: ControllerApi;
  private controllerEnv: Readonly<Record<string, string>> = {};

  get api(): ControllerApi {
    if (this.client === undefined) {
      throw new Error('the controller is not started: call startController() first');
    }

    return this.client;
  }

  /** Starts the controller; `env` overrides the test defaults (e.g. HMS_HISTORY_DB). */
  async startController(env: Readonly<Record<string, string>> = {}): Promise<void> {
    this.controllerEnv = env;
    const config = loadControllerConfig({
      HMS_NAMESPACE: this.namespace,
      HMS_HTTP_PORT: '0',
      HMS_HISTORY_DB: ':memory:',
      HMS_AGGREGATION_WINDOW_MS: '100',
      HMS_RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS),
      HMS_HEARTBEAT_INTERVAL_MS: String(HEARTBEAT_INTERVAL_MS),
      ...env,
    });

    this.app = await createControllerApp(config, { logger: ['error', 'warn'] });
    await this.app.listen(0, '127.0.0.1');
    this.client = new ControllerApi(
      (await this.app.getUrl()).replace('[::1]', '127.0.0.1'),
    );
  }

  /** Closes the controller and starts a new one with the same settings, as a restart would. */
  async restartController(): Promise<void> {
    await this.app?.close();
    this.app = undefined;
    this.client = undefined;

    await this.startController(this.controllerEnv);
  }

  /** The scope label of host `n`: its manager sees only containers carrying it. */
  scopeLabel(n: number): { key: string; value: string } {
    return { key: 'hms.test', value: `${this.runId}-${n}` };
  }

  /** The loopback address host `n` goes by; distinct per run to keep logs apart. */
  hostAddress(n: number): string {
    return `127.0.${(parseInt(this.runId.slice(3, 5), 16) % 200) + 20}.${n}`;
  }

  /** Starts (or starts again) the manager of host `n`. */
  startManager(n: number): ManagerProcess {
    const address = this.hostAddress(n);
    const { key, value } = this.scopeLabel(n);
    const manager = new ManagerProcess(address, {
      HMS_NAMESPACE: this.namespace,
      HMS_HOST_ADDRESS: address,
      HMS_SCOPE_LABEL: `${key}=${value}`,
      HMS_HEARTBEAT_INTERVAL_MS: String(HEARTBEAT_INTERVAL_MS),
      HMS_RELIST_INTERVAL_MS: '2000',
    });

    manager.start();
    this.managers.push(manager);

    return manager;
  }

  /**
   * The two-host platform most suites start from: the controller (`env` as
   * for startController), containers web-1 and web-2 on host 1 and web-1 on
   * host 2, a manager on each, and both hosts listed with their containers.
   */
  async startTwoHosts(env: Readonly<Record<string, string>> = {}): Promise<TwoHosts> {
    await this.startController(env);
    const [webA1, webA2, webB1] = await Promise.all([
      this.createContainer(1, 'web-1'),
      this.createContainer(1, 'web-2'),
      this.createContainer(2, 'web-1'),
    ]);
    const managers = { a: this.startManager(1), b: this.startManager(2) };

    const expected = `${this.hostAddress(1)}:2,${this.hostAddress(2)}:1`;
    await this.waitFor(
      async () => {
        const hosts = await this.api.containers();
        const counts = hosts.map((host) => `${host.address}:${host.containers.length}`);

        return counts.join(',') === expected;
      },
      { what: 'both hosts listed with their containers' },
    );

    return { managers, containers: { webA1, webA2, webB1 } };
  }

  /**
   * Kills host `n`'s manager, starts a new one, and waits until the
   * controller has configured it; returns the host as it is then.
   */
  async replaceManager(n: number, manager: ManagerProcess) {
    const address = this.hostAddress(n);
    const before = await this.api.host(address);

    await manager.kill();
    const replacement = this.startManager(n);

    const host = await this.waitFor(
      async () => {
        const now = await this.api.host(address);
        const restarted = now.managerStartedAt !== before.managerStartedAt;

        return restarted && !now.configurationPending && now.revision > 0
          ? now
          : undefined;
      },
      { what: `the new manager of ${address} configured` },
    );

    return { manager: replacement, host };
  }

  /** Creates an idle container that host `n`'s manager sees. */
  createContainer(n: number, name: string, extraLabels: Record<string, string> = {}) {
    const { key, value } = this.scopeLabel(n);

    return this.containers.create(`h${n}-${name}`, { [key]: value, ...extraLabels });
  }

  /** waitFor, with the managers' last output in the error when the deadline passes. */
  async waitFor<T>(
    probe: () => Promise<T | undefined | false>,
    options: WaitOptions,
  ): Promise<T> {
    try {
      return await waitFor(probe, { timeoutMs: 30_000, intervalMs: 200, ...options });
    } catch (error) {
      const output = this.managers
        .map((manager) => `--- manager ${manager.address}\n${manager.recentOutput()}`)
        .join('\n');

      throw new Error(`${(error as Error).message}\n${output}`);
    }
  }

  /** Kills every manager, closes the controller, removes containers, queues and exchanges; each step even if another fails. */
  async tearDown(): Promise<void> {
    const steps: Array<() => Promise<unknown>> = [
      () => Promise.all(this.managers.map((manager) => manager.kill())),
      async () => this.app?.close(),
      () => this.containers.removeAll(),
      () => removeBrokerNamespace(this.namespace),
    ];

    for (const step of steps) {
      await step().catch((error: unknown) =>
        console.error(`tear-down step failed: ${String(error)}`),
      );
    }
  }

  /** Publishes a raw notice on the run's notices exchange, as a (faulty) manager would. */
  async publishNotice(routingKey: string, payload: string): Promise<boolean> {
    const exchange = encodeURIComponent(`${this.namespace}.notices`);
    const response = await managementRequest(`/exchanges/%2F/${exchange}/publish`, {
      method: 'POST',
      body: {
        properties: {},
        routing_key: routingKey,
        payload,
        payload_encoding: 'string',
      },
    });
    const { routed } = (await response.json()) as { routed: boolean };

    return routed;
  }
}
