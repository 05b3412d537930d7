import { execFileSync } from 'node:child_process';

import Dockerode from 'dockerode';

export const IDLE_IMAGE = 'hms/idle:latest';

const NS_PER_MS = 1_000_000;

export interface TestContainerOptions {
  readonly network?: string;
  readonly labels?: Record<string, string>;

  /** Replaces the image's idle command with this `sh -c` script. */
  readonly script?: string;

  /** A HEALTHCHECK run by `sh -c` every `intervalMs`; unhealthy after `retries` failures. */
  readonly healthcheck?: { script: string; intervalMs: number; retries: number };

  /** A memory limit without swap, so exceeding it means the OOM killer. */
  readonly memoryBytes?: number;
}

interface RawEngineEvent {
  readonly Action: string;
  readonly Actor: { readonly Attributes: Record<string, string> };
}

/** One engine event of a container, as `docker events` reports it. */
export interface EngineEvent {
  readonly action: string;
  readonly attributes: Record<string, string>;
}

/**
 * Containers of one test run: every one is named `<runId>-<suffix>` and
 * carries the run's scope label, so the run touches nothing else.
 */
export class TestContainers {
  readonly docker = new Dockerode({ socketPath: '/var/run/docker.sock' });

  constructor(
    private readonly runId: string,
    private readonly scopeKey: string,
  ) {}

  get scopeLabel(): string {
    return `${this.scopeKey}=${this.runId}`;
  }

  nameOf(suffix: string): string {
    return `${this.runId}-${suffix}`;
  }

  async run(
    suffix: string,
    options: TestContainerOptions = {},
  ): Promise<Dockerode.ContainerInspectInfo> {
    const { script, healthcheck, memoryBytes } = options;
    const container = await this.docker.createContainer({
      Image: IDLE_IMAGE,
      name: this.nameOf(suffix),
      Labels: { [this.scopeKey]: this.runId, ...options.labels },
      ...(script && { Cmd: ['/bin/sh', '-c', script] }),
      ...(healthcheck && {
        Healthcheck: {
          Test: ['CMD-SHELL', healthcheck.script],
          Interval: healthcheck.intervalMs * NS_PER_MS,
          Timeout: healthcheck.intervalMs * NS_PER_MS,
          Retries: healthcheck.retries,
        },
      }),
      HostConfig: {
        NetworkMode: options.network ?? 'bridge',
        ...(memoryBytes && { Memory: memoryBytes, MemorySwap: memoryBytes }),
      },
    });
    await container.start();

    return container.inspect();
  }

  /** Runs a `sh -c` script inside the container and waits for it to succeed. */
  exec(suffix: string, script: string): void {
    execFileSync('docker', ['exec', this.nameOf(suffix), 'sh', '-c', script], {
      timeout: 10_000,
    });
  }

  /** The container's engine events from `sinceMs` until now (a finite query). */
  async eventsSince(suffix: string, sinceMs: number): Promise<EngineEvent[]> {
    const stream = await this.docker.getEvents({
      since: Math.floor(sinceMs / 1000),
      until: Math.ceil(Date.now() / 1000) + 1,
      filters: { container: [this.nameOf(suffix)] },
    });
    let text = '';
    for await (const chunk of stream) {
      text += String(chunk);
    }

    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as RawEngineEvent)
      .map(({ Action, Actor }) => ({ action: Action, attributes: Actor.Attributes }));
  }

  inspect(suffix: string): Promise<Dockerode.ContainerInspectInfo> {
    return this.docker.getContainer(this.nameOf(suffix)).inspect();
  }

  async stop(suffix: string): Promise<void> {
    await this.docker.getContainer(this.nameOf(suffix)).stop({ t: 2 });
  }

  async start(suffix: string): Promise<void> {
    await this.docker.getContainer(this.nameOf(suffix)).start();
  }

  async kill(suffix: string): Promise<void> {
    await this.docker.getContainer(this.nameOf(suffix)).kill({ signal: 'SIGKILL' });
  }

  async remove(suffix: string): Promise<void> {
    await this.docker.getContainer(this.nameOf(suffix)).remove({ force: true });
  }

  /** Drops every ICMP packet entering the container: 100% probe loss. */
  async dropIcmp(suffix: string): Promise<void> {
    const { State } = await this.inspect(suffix);

    execFileSync('nsenter', [
      '-t',
      String(State.Pid),
      '-n',
      'iptables',
      '-I',
      'INPUT',
      '-p',
      'icmp',
      '-j',
      'DROP',
    ]);
  }

  /** The rules of the INPUT chain inside the container's network namespace. */
  async inputRules(suffix: string): Promise<string> {
    const { State } = await this.inspect(suffix);

    return execFileSync(
      'nsenter',
      ['-t', String(State.Pid), '-n', 'iptables', '-S', 'INPUT'],
      {
        encoding: 'utf8',
      },
    );
  }

  /** Removes only this run's containers, found by its label. */
  async removeAll(): Promise<void> {
    const mine = await this.docker.listContainers({
      all: true,
      filters: { label: [this.scopeLabel] },
    });

    await Promise.all(
      mine.map((container) =>
        this.docker.getContainer(container.Id).remove({ force: true }),
      ),
    );
  }
}
