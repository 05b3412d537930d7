import { setTimeout as sleep } from 'node:timers/promises';

import {
  DockerEngine,
  dockerodeOptions,
  DockerErrorCode,
  EngineIdentity,
  EngineTls,
  toDockerError,
} from '@hms/docker';
import Dockerode, { ContainerCreateOptions } from 'dockerode';

/** How often a starting container's state is read while it is watched. */
const WATCH_POLL_MS = 250;

/** A manager container as the engine reports it. */
export interface ManagerContainerState {
  readonly id: string;
  readonly running: boolean;
  readonly exitCode: number;

  /** The host address the container was made for (its hms.host label). */
  readonly hostLabel?: string;
}

/**
 * What the controller asks of a host's engine to run a manager there: images
 * and the lifecycle of one container. Reachability goes through libs/docker's
 * DockerEngine; every failure is a DockerError naming the operation.
 */
export class ManagerEngine {
  readonly description: string;

  private readonly engine: DockerEngine;
  private readonly api: Dockerode;

  constructor(endpoint: string, requestTimeoutMs: number, tls?: EngineTls) {
    this.engine = new DockerEngine({ address: endpoint, requestTimeoutMs, tls });
    this.api = new Dockerode(dockerodeOptions(this.engine.address, requestTimeoutMs));
    this.description = this.engine.description;
  }

  ping(): Promise<void> {
    return this.engine.ping();
  }

  /** Which engine this is, the same for every path to it (socket, TCP). */
  identity(): Promise<EngineIdentity> {
    return this.engine.identity();
  }

  /** The image's ID, or undefined when the engine does not have it. */
  async imageId(image: string): Promise<string | undefined> {
    try {
      return (await this.api.getImage(image).inspect()).Id;
    } catch (error) {
      return this.undefinedIfMissing(error, `inspecting image ${image}`);
    }
  }

  /** The image as a `docker save` tar stream. */
  async exportImage(image: string): Promise<NodeJS.ReadableStream> {
    return this.call(`saving image ${image}`, () => this.api.getImage(image).get());
  }

  /** Loads a `docker save` tar; the engine's progress is read to its end for errors. */
  async loadImage(tar: NodeJS.ReadableStream): Promise<void> {
    const progress = await this.call('loading an image', () =>
      this.api.loadImage(tar, { quiet: true }),
    );
    const failure = await readLoadFailure(progress);
    if (failure !== undefined) {
      throw toDockerError(new Error(failure), { operation: 'loading an image' });
    }
  }

  /** The container by name, or undefined when there is none. */
  async findContainer(name: string): Promise<ManagerContainerState | undefined> {
    try {
      const info = await this.api.getContainer(name).inspect();

      return {
        id: info.Id,
        running: info.State.Running,
        exitCode: info.State.ExitCode,
        hostLabel: info.Config.Labels?.['hms.host'],
      };
    } catch (error) {
      return this.undefinedIfMissing(error, 'inspect', name);
    }
  }

  async createContainer(options: ContainerCreateOptions): Promise<string> {
    const container = await this.call(
      'create',
      () => this.api.createContainer(options),
      options.name,
    );

    return container.id;
  }

  async startContainer(ref: string): Promise<void> {
    await this.call('start', () => this.api.getContainer(ref).start(), ref);
  }

  /**
   * Watches a started container for `withinMs`: its exit code when it
   * stopped (or vanished, as -1) meanwhile, undefined when it still runs.
   */
  async exitWithin(ref: string, withinMs: number): Promise<number | undefined> {
    const deadline = Date.now() + withinMs;

    for (;;) {
      const state = await this.findContainer(ref);
      if (state?.running !== true) {
        return state?.exitCode ?? -1;
      }
      if (Date.now() >= deadline) {
        return undefined;
      }
      await sleep(WATCH_POLL_MS);
    }
  }

  /** The last `lines` lines the container wrote, stdout and stderr interleaved. */
  async logTail(ref: string, lines: number): Promise<string[]> {
    const output = await this.call(
      'reading the log',
      () =>
        this.api
          .getContainer(ref)
          .logs({ stdout: true, stderr: true, tail: lines, follow: false }),
      ref,
    );

    return splitLogFrames(output)
      .split('\n')
      .map((line) => line.trimEnd())
      .filter((line) => line !== '');
  }

  async restartContainer(ref: string, stopTimeoutSeconds: number): Promise<void> {
    await this.call(
      'restart',
      () => this.api.getContainer(ref).restart({ t: stopTimeoutSeconds }),
      ref,
    );
  }

  /**
   * Stops (SIGTERM, SIGKILL after the timeout) and removes the container;
   * false when there was none.
   */
  async stopAndRemove(ref: string, stopTimeoutSeconds: number): Promise<boolean> {
    const container = this.api.getContainer(ref);

    try {
      await container.stop({ t: stopTimeoutSeconds });
    } catch (error) {
      // 304: it was stopped already; 404: there is nothing to remove.
      if (statusOf(error) === 404) {
        return false;
      }
      if (statusOf(error) !== 304) {
        throw toDockerError(error, { operation: 'stop', container: ref });
      }
    }
    await this.call('remove', () => container.remove({ force: true }), ref);

    return true;
  }

  async removeContainer(ref: string): Promise<void> {
    await this.call(
      'remove',
      () => this.api.getContainer(ref).remove({ force: true }),
      ref,
    );
  }

  private async call<T>(
    operation: string,
    action: () => Promise<T>,
    container?: string,
  ): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw toDockerError(error, {
        operation: `${operation} on ${this.description}`,
        container,
      });
    }
  }

  private undefinedIfMissing(
    error: unknown,
    operation: string,
    container?: string,
  ): undefined {
    const dockerError = toDockerError(error, {
      operation: `${operation} on ${this.description}`,
      container,
    });
    if (dockerError.code !== DockerErrorCode.ContainerNotFound) {
      throw dockerError;
    }

    return undefined;
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number } | null)?.statusCode;
}

/**
 * A container without a TTY has its log multiplexed: each frame is an
 * 8-byte header (stream, 3 zero bytes, payload length) and the payload.
 */
function splitLogFrames(output: Buffer): string {
  const HEADER_BYTES = 8;
  let text = '';
  let offset = 0;

  while (offset + HEADER_BYTES <= output.length) {
    const length = output.readUInt32BE(offset + 4);
    const start = offset + HEADER_BYTES;
    text += output.subarray(start, start + length).toString('utf8');
    offset = start + length;
  }

  return text;
}

/** The engine reports a failed load inside a 200 response, as a JSON line with `error`. */
async function readLoadFailure(
  progress: NodeJS.ReadableStream,
): Promise<string | undefined> {
  let text = '';
  for await (const chunk of progress) {
    text += chunk.toString();
  }

  for (const line of text.split('\n')) {
    const failure = parseErrorLine(line);
    if (failure !== undefined) {
      return failure;
    }
  }

  return undefined;
}

function parseErrorLine(line: string): string | undefined {
  try {
    const message = JSON.parse(line) as { error?: unknown };

    return typeof message.error === 'string' ? message.error : undefined;
  } catch {
    return undefined;
  }
}
