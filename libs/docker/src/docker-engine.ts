import Dockerode from 'dockerode';

import {
  ContainerEventListener,
  ContainerEventStream,
  EventSubscription,
} from './container-event-stream';
import { ContainerSnapshot, snapshotFromInspect } from './container-snapshot';
import { DockerErrorCode, toDockerError } from './docker-error';
import {
  describeEngineAddress,
  dockerodeOptions,
  EngineAddress,
  parseEngineAddress,
} from './engine-address';
import type { EngineTls } from './engine-tls';

export interface DockerEngineOptions {
  /** A socket path or DOCKER_HOST-like URL. @default '/var/run/docker.sock' */
  readonly address?: string;

  /** For a tcp:// engine started with --tlsverify: read with readEngineTls. */
  readonly tls?: EngineTls;

  /** Bound of one API request; a restart waits its stop timeout. @default 60000 */
  readonly requestTimeoutMs?: number;

  /** Inspections run at once when listing. @default 8 */
  readonly inspectConcurrency?: number;
}

/** Narrows listings and events to containers carrying all of these `key=value` labels. */
export interface ContainerFilter {
  readonly labels?: readonly string[];
}

export interface EngineVersion {
  readonly version: string;
  readonly apiVersion: string;
  readonly os: string;
  readonly arch: string;
}

/**
 * Which engine answers. The ID alone is not enough: before Docker 23 it
 * comes from /etc/docker/key.json, shared by every engine of one machine
 * and by VMs cloned from one image; the data root tells those apart.
 */
export interface EngineIdentity {
  readonly id: string;

  /** The engine's data root (`--data-root`), e.g. /var/lib/docker. */
  readonly rootDir: string;

  /** The host's name, for messages. */
  readonly name: string;
}

/**
 * The one place HMS talks to a Docker engine. Everything it returns is plain
 * data; every failure is a DockerError naming the operation and container.
 */
export class DockerEngine {
  readonly address: EngineAddress;

  private readonly api: Dockerode;

  /** Events are a long-lived idle stream: no request timeout applies to them. */
  private readonly eventsApi: Dockerode;
  private readonly inspectConcurrency: number;

  constructor(options: DockerEngineOptions = {}) {
    this.address = parseEngineAddress(
      options.address ?? '/var/run/docker.sock',
      options.tls,
    );
    this.api = new Dockerode(
      dockerodeOptions(this.address, options.requestTimeoutMs ?? 60_000),
    );
    this.eventsApi = new Dockerode(dockerodeOptions(this.address));
    this.inspectConcurrency = Math.max(1, options.inspectConcurrency ?? 8);
  }

  /** unix:///var/run/docker.sock or tcp-like, for log lines. */
  get description(): string {
    return describeEngineAddress(this.address);
  }

  async ping(): Promise<void> {
    try {
      await this.api.ping();
    } catch (error) {
      throw toDockerError(error, { operation: `ping of engine ${this.description}` });
    }
  }

  async version(): Promise<EngineVersion> {
    try {
      const info = await this.api.version();

      return {
        version: info.Version,
        apiVersion: info.ApiVersion,
        os: info.Os,
        arch: info.Arch,
      };
    } catch (error) {
      throw toDockerError(error, { operation: `version of engine ${this.description}` });
    }
  }

  async identity(): Promise<EngineIdentity> {
    try {
      const info = await this.api.info();

      return { id: info.ID, rootDir: info.DockerRootDir, name: info.Name };
    } catch (error) {
      throw toDockerError(error, { operation: `info of engine ${this.description}` });
    }
  }

  /**
   * Every container, running or not, inspected. A container removed between
   * the listing and its inspection is left out.
   */
  async listContainers(filter: ContainerFilter = {}): Promise<ContainerSnapshot[]> {
    const ids = await this.listIds(filter);
    const snapshots = await mapConcurrently(ids, this.inspectConcurrency, (id) =>
      this.inspectIfPresent(id),
    );

    return snapshots.filter(
      (snapshot): snapshot is ContainerSnapshot => snapshot !== null,
    );
  }

  /** @param ref full ID, short ID or name */
  async inspectContainer(ref: string): Promise<ContainerSnapshot> {
    try {
      const info = await this.api.getContainer(ref).inspect();

      return snapshotFromInspect(info);
    } catch (error) {
      throw toDockerError(error, { operation: 'inspect', container: ref });
    }
  }

  /** Starts a stopped container; starting a running one is not an error. */
  async startContainer(ref: string): Promise<void> {
    try {
      await this.api.getContainer(ref).start();
    } catch (error) {
      if (isNotModified(error)) {
        return;
      }
      throw toDockerError(error, { operation: 'start', container: ref });
    }
  }

  /**
   * Stops (SIGTERM, then SIGKILL after `stopTimeoutSeconds`) and starts the
   * container; a stopped one is simply started.
   */
  async restartContainer(ref: string, stopTimeoutSeconds: number): Promise<void> {
    try {
      await this.api
        .getContainer(ref)
        .restart({ t: Math.max(0, Math.round(stopTimeoutSeconds)) });
    } catch (error) {
      throw toDockerError(error, { operation: 'restart', container: ref });
    }
  }

  /**
   * Follows container events from now on. The listener hears every event and,
   * once, the end of the stream; it reconnects itself.
   */
  async watchEvents(
    listener: ContainerEventListener,
    filter: ContainerFilter = {},
  ): Promise<EventSubscription> {
    try {
      const stream = await this.eventsApi.getEvents({
        filters: { type: ['container'], label: [...(filter.labels ?? [])] },
      });

      return new ContainerEventStream(stream, listener);
    } catch (error) {
      throw toDockerError(error, {
        operation: `following events of ${this.description}`,
      });
    }
  }

  private async listIds(filter: ContainerFilter): Promise<string[]> {
    try {
      const containers = await this.api.listContainers({
        all: true,
        filters: { label: [...(filter.labels ?? [])] },
      });

      return containers.map((container) => container.Id);
    } catch (error) {
      throw toDockerError(error, {
        operation: `listing containers of ${this.description}`,
      });
    }
  }

  private async inspectIfPresent(id: string): Promise<ContainerSnapshot | null> {
    try {
      return await this.inspectContainer(id);
    } catch (error) {
      if (
        toDockerError(error, { operation: 'inspect' }).code ===
        DockerErrorCode.ContainerNotFound
      ) {
        return null;
      }
      throw error;
    }
  }
}

/** The engine answers 304 to starting a container that already runs. */
function isNotModified(error: unknown): boolean {
  return (error as { statusCode?: number } | null)?.statusCode === 304;
}

/** Runs `work` over `items` with at most `limit` in flight, keeping their order. */
async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;

  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));

  return results;
}
