import Docker from 'dockerode';

const IDLE_IMAGE = 'hms/idle:latest';

/** The label key every experiment container carries; its value is the run id. */
export const EXPERIMENT_LABEL = 'hms.experiment';

export interface ContainerState {
  readonly id: string;
  readonly name: string;
  readonly running: boolean;

  /** IPv4 on the default bridge while running. */
  readonly ipv4?: string;
}

/**
 * The idle containers of one run, named `<run id>-c<n>` and labelled with
 * the run id: the only containers the run's manager, antagonist and
 * clean-up ever touch on the shared engine.
 */
export class ExperimentContainers {
  readonly scopeLabel: string;

  constructor(
    private readonly docker: Docker,
    private readonly runId: string,
  ) {
    this.scopeLabel = `${EXPERIMENT_LABEL}=${runId}`;
  }

  async create(count: number): Promise<void> {
    for (let index = 1; index <= count; index += 1) {
      const container = await this.docker.createContainer({
        name: `${this.runId}-c${index}`,
        Image: IDLE_IMAGE,
        Labels: { [EXPERIMENT_LABEL]: this.runId },
      });
      await container.start();
    }
  }

  async states(): Promise<ContainerState[]> {
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: [this.scopeLabel] },
    });

    return containers.map((container) => ({
      id: container.Id,
      name: (container.Names[0] ?? container.Id).replace(/^\//, ''),
      running: container.State === 'running',
      ipv4: container.NetworkSettings.Networks['bridge']?.IPAddress || undefined,
    }));
  }

  /** Starts those that are not running (the experiment's own reset between runs). */
  async startStopped(): Promise<number> {
    const stopped = (await this.states()).filter((container) => !container.running);

    await Promise.all(
      stopped.map((container) => this.docker.getContainer(container.id).start()),
    );

    return stopped.length;
  }

  async removeAll(): Promise<void> {
    const ours = await this.states();

    await Promise.all(
      ours.map((container) =>
        this.docker.getContainer(container.id).remove({ force: true }),
      ),
    );
  }
}
