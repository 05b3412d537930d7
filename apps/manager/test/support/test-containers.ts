import { execFileSync } from 'node:child_process';

import Dockerode from 'dockerode';

export const IDLE_IMAGE = 'hms/idle:latest';

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
    options: { network?: string; labels?: Record<string, string> } = {},
  ): Promise<Dockerode.ContainerInspectInfo> {
    const container = await this.docker.createContainer({
      Image: IDLE_IMAGE,
      name: this.nameOf(suffix),
      Labels: { [this.scopeKey]: this.runId, ...options.labels },
      HostConfig: { NetworkMode: options.network ?? 'bridge' },
    });
    await container.start();

    return container.inspect();
  }

  inspect(suffix: string): Promise<Dockerode.ContainerInspectInfo> {
    return this.docker.getContainer(this.nameOf(suffix)).inspect();
  }

  async stop(suffix: string): Promise<void> {
    await this.docker.getContainer(this.nameOf(suffix)).stop({ t: 2 });
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
