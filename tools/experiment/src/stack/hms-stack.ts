import { join } from 'node:path';

import { removeBrokerNamespace, waitFor } from '@hms/testing';

import { ExperimentError, ExperimentErrorCode } from '../experiment-error';
import { ChildApp } from './child-app';
import { ControllerClient } from './controller-client';
import { freeLoopbackPort } from './free-port';

/** How long the apps get to come up and see the containers. */
const READY_TIMEOUT_MS = 60_000;

export interface StackSettings {
  /** AMQP namespace of this run alone. */
  readonly namespace: string;

  /** `key=value` label of this run's containers. */
  readonly scopeLabel: string;

  /** Identity of the simulated host, shared by its manager and antagonist. */
  readonly hostAddress: string;

  /** Containers the manager must see before the run starts. */
  readonly containers: number;

  /** Run a manager (false: the platform has no monitor). */
  readonly monitor: boolean;

  /** Aggregation window of the controller. @default the controller's own */
  readonly windowMs?: number;

  readonly seed: number;

  /** Extra variables for the manager only. */
  readonly managerEnv: Readonly<Record<string, string>>;

  /** Folder with apps/<name>/main.js (the run's snapshot of the builds). */
  readonly distDir: string;

  /** Folder the apps' logs go to, one file per app and run. */
  readonly logDir: string;

  /** Prefix of this run's log files. */
  readonly runId: string;
}

/**
 * The HMS apps of one run: a controller, the host's manager (unless the run
 * has no monitor) and the host's antagonist, all in the run's own namespace
 * and limited to the run's own containers.
 */
export class HmsStack {
  readonly apps: ChildApp[] = [];
  private client: ControllerClient | undefined;

  constructor(private readonly settings: StackSettings) {}

  get controller(): ControllerClient {
    if (this.client === undefined) {
      throw new Error('the stack is not started');
    }

    return this.client;
  }

  /** Pids of the apps whose AMQP traffic is manager-controller traffic. */
  get monitorPids(): number[] {
    return this.apps
      .filter((app) => app.label !== 'antagonist')
      .flatMap((app) => (app.pid === undefined ? [] : [app.pid]));
  }

  async start(): Promise<void> {
    const port = await freeLoopbackPort();
    this.client = new ControllerClient(`http://127.0.0.1:${port}`);

    this.launch('controller', 'controller-api', this.controllerEnv(port));
    if (this.settings.monitor) {
      this.launch('manager', 'manager', {
        ...this.settings.managerEnv,
        ...this.hostEnv(),
      });
    }
    const antagonist = this.launch('antagonist', 'antagonist', {
      ...this.hostEnv(),
      HMS_ANTAGONIST_SEED: String(this.settings.seed),
    });

    await this.waitReady(antagonist);
  }

  /**
   * The antagonist first, so it removes its loss while the engine is still
   * watched; then the run's queues and exchanges go from the broker.
   */
  async stop(): Promise<void> {
    for (const app of [...this.apps].reverse()) {
      await app.stop();
    }

    await removeBrokerNamespace(this.settings.namespace).catch((error: unknown) =>
      console.error(
        `could not remove the broker's queues and exchanges of ${this.settings.namespace}: ` +
          `${String(error)}; delete them in the management UI (http://127.0.0.1:15672)`,
      ),
    );
  }

  private launch(label: string, project: string, env: Record<string, string>): ChildApp {
    const mainJs = join(this.settings.distDir, 'apps', project, 'main.js');
    const logFile = join(this.settings.logDir, `${this.settings.runId}.${label}.log`);
    const app = new ChildApp(label, mainJs, env, logFile);

    app.start();
    this.apps.push(app);

    return app;
  }

  private async waitReady(antagonist: ChildApp): Promise<void> {
    const everyAppRunning = () => this.apps.forEach((app) => app.assertRunning());

    await waitFor(
      async () => {
        everyAppRunning();

        return this.controller.healthy();
      },
      {
        timeoutMs: READY_TIMEOUT_MS,
        what: 'the controller to answer /health',
        fatal: appExited,
      },
    );
    await waitFor(
      () => {
        everyAppRunning();

        return antagonist.printed('idle until conf_antagonist');
      },
      {
        timeoutMs: READY_TIMEOUT_MS,
        what: 'the antagonist to be ready',
        fatal: appExited,
      },
    );
    if (this.settings.monitor) {
      await waitFor(
        async () => {
          everyAppRunning();
          const known = await this.controller.containerCount(this.settings.hostAddress);

          return known >= this.settings.containers;
        },
        {
          timeoutMs: READY_TIMEOUT_MS,
          what: 'the controller to list every container',
          fatal: appExited,
        },
      );
    }
  }

  private controllerEnv(port: number): Record<string, string> {
    const window = this.settings.windowMs;

    return {
      HMS_NAMESPACE: this.settings.namespace,
      HMS_HTTP_PORT: String(port),
      HMS_HISTORY_DB: ':memory:',
      ...(window === undefined ? {} : { HMS_AGGREGATION_WINDOW_MS: String(window) }),
    };
  }

  private hostEnv(): Record<string, string> {
    return {
      HMS_NAMESPACE: this.settings.namespace,
      HMS_HOST_ADDRESS: this.settings.hostAddress,
      HMS_SCOPE_LABEL: this.settings.scopeLabel,
    };
  }
}

/** An app that exited will not become ready: waiting the full minute would only hide why. */
function appExited(error: unknown): boolean {
  return error instanceof ExperimentError && error.code === ExperimentErrorCode.AppExited;
}
