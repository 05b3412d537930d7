import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const IDLE_IMAGE = 'hms/idle:latest';

/**
 * Containers of one test run on the real engine, through the docker CLI. Every
 * name starts with the run's id and only those names are ever stopped, killed
 * or removed, since the engine is shared.
 */
export class TestContainers {
  private readonly created = new Set<string>();

  constructor(private readonly runId: string) {}

  /** Starts an idle container named `<runId>-<name>`; returns that name. */
  async create(name: string, labels: Readonly<Record<string, string>>): Promise<string> {
    const fullName = `${this.runId}-${name}`;
    const labelArgs = Object.entries(labels).flatMap(([key, value]) => [
      '--label',
      `${key}=${value}`,
    ]);

    this.created.add(fullName);
    await docker('run', '-d', '--name', fullName, ...labelArgs, IDLE_IMAGE);

    return fullName;
  }

  /** `docker stop` with Docker's own grace period, as an operator would type it. */
  async stop(name: string): Promise<void> {
    await docker('stop', this.own(name));
  }

  async kill(name: string): Promise<void> {
    await docker('kill', this.own(name));
  }

  async isRunning(name: string): Promise<boolean> {
    const state = await docker(
      'inspect',
      '--format',
      '{{.State.Running}}',
      this.own(name),
    );

    return state.trim() === 'true';
  }

  /** Removes every container this run created, whatever state it is in. */
  async removeAll(): Promise<void> {
    const names = [...this.created];
    if (names.length > 0) {
      await docker('rm', '--force', '--volumes', ...names).catch(() => undefined);
    }
    this.created.clear();
  }

  private own(name: string): string {
    if (!this.created.has(name)) {
      throw new Error(
        `container ${name} was not created by this test run; refusing to touch it`,
      );
    }

    return name;
  }
}

async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, { timeout: 30_000 });

  return stdout;
}
