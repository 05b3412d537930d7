import Dockerode from 'dockerode';

import { BenchError, BenchErrorCode } from './bench-error';

export const BENCH_IMAGE = 'hms/idle:latest';

/** The label that marks the benchmark's containers; its value is the run's id. */
export const BENCH_LABEL = 'hms.bench';

/** Containers created or removed at once: more only queues up in a 2-core engine. */
const ENGINE_CONCURRENCY = 8;

/**
 * The idle containers of one run, named `hms-bench-<run>-<n>` and labelled
 * `hms.bench=<run>`: the run creates them, and removes exactly those.
 */
export class BenchFleet {
  private readonly docker = new Dockerode({ socketPath: '/var/run/docker.sock' });
  private readonly creating = new Set<Promise<void>>();
  private stopped = false;
  private removal?: Promise<number>;

  constructor(readonly runId: string) {}

  get scopeLabel(): string {
    return `${BENCH_LABEL}=${this.runId}`;
  }

  /** Fails with what to do when the engine or the idle image is missing. */
  async checkReady(): Promise<void> {
    try {
      await this.docker.getImage(BENCH_IMAGE).inspect();
    } catch (error) {
      throw new BenchError(
        BenchErrorCode.FleetNotReady,
        `cannot use image ${BENCH_IMAGE} (${(error as Error).message}): ` +
          "run 'bash tools/bringup.sh' to start the engine and build it",
      );
    }
  }

  /** Creates and starts `count` containers; stops early once `stopCreating()` was called. */
  async create(count: number): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (!this.stopped && next < count) {
        await this.track(this.runOne(next++));
      }
    };

    await Promise.all(
      Array.from({ length: Math.min(ENGINE_CONCURRENCY, count) }, worker),
    );
    if (this.stopped) {
      throw new BenchError(
        BenchErrorCode.Interrupted,
        'stopped while creating containers',
      );
    }
  }

  stopCreating(): void {
    this.stopped = true;
  }

  /** What to run by hand when the benchmark could not clean up. */
  get manualCleanup(): string {
    return `docker rm -f $(docker ps -aq --filter label=${this.scopeLabel})`;
  }

  /**
   * Removes every container of this run, once the creations under way are
   * done. Called again (the run ends while an interrupt cleans up), it joins
   * the removal under way.
   */
  removeAll(): Promise<number> {
    this.removal ??= this.removeOnce();

    return this.removal;
  }

  private async removeOnce(): Promise<number> {
    this.stopCreating();
    await Promise.allSettled([...this.creating]);

    const mine = await this.docker.listContainers({
      all: true,
      filters: { label: [this.scopeLabel] },
    });
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < mine.length) {
        const { Id } = mine[next++];
        await this.docker
          .getContainer(Id)
          .remove({ force: true })
          .catch((error: Error) =>
            console.error(`could not remove ${Id}: ${error.message}`),
          );
      }
    };
    await Promise.all(Array.from({ length: ENGINE_CONCURRENCY }, worker));

    return mine.length;
  }

  private async runOne(index: number): Promise<void> {
    const container = await this.docker.createContainer({
      Image: BENCH_IMAGE,
      name: `hms-bench-${this.runId}-${index}`,
      Labels: { [BENCH_LABEL]: this.runId },
      HostConfig: { NetworkMode: 'bridge' },
    });
    await container.start();
  }

  private async track(creation: Promise<void>): Promise<void> {
    this.creating.add(creation);
    try {
      await creation;
    } finally {
      this.creating.delete(creation);
    }
  }
}
