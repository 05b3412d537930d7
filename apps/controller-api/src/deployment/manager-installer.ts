import { DockerError, DockerErrorCode, EngineIdentity, readEngineTls } from '@hms/docker';
import { Injectable, Logger } from '@nestjs/common';

import { ControllerConfig } from '../config/controller.config';
import {
  DeploymentError,
  DeploymentStep,
  EngineServesAnotherHostError,
} from './deployment-error';
import { managerContainerName, managerContainerOptions } from './manager-container-spec';
import { ManagerEngine } from './manager-engine';
import {
  MANAGER_LOG_TAIL_LINES,
  ManagerExitedError,
  managerErrorIn,
} from './manager-start-failure';

/** Where an engine listens, and how the controller proves who it is there. */
export interface EngineTarget {
  /** The engine as the controller reaches it (socket path, unix:// or tcp:// URL). */
  readonly engine: string;

  /** A DOCKER_CERT_PATH-like folder (ca.pem, cert.pem, key.pem) for a --tlsverify engine. */
  readonly tlsCertPath?: string;
}

/** One host's manager: which host, and where its engine listens. */
export interface ManagerTarget extends EngineTarget {
  readonly address: string;

  /** The engine's socket on the host, mounted into the manager. */
  readonly engineSocket: string;
}

export interface InstallOutcome {
  readonly containerName: string;
  readonly containerId: string;

  /** A running manager of this installation for this host was there already. */
  readonly reused: boolean;
  readonly imageLoaded: boolean;
}

/** Loading an image of a few hundred MB over a socket takes a while. */
const REQUEST_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_SECONDS = 10;

/**
 * A manager that cannot run (another engine's socket, a broker URL it
 * refuses) stops within a second or two of starting; one still up after
 * this long is left to announce itself.
 */
const START_WATCH_MS = 4000;

/**
 * Puts a manager on a host's engine, step by step, and takes it off again.
 * A failed step removes what the deployment created, so a host never keeps a
 * half-deployed manager, and throws a DeploymentError naming the step.
 */
@Injectable()
export class ManagerInstaller {
  private readonly logger = new Logger(ManagerInstaller.name);
  readonly containerName: string;

  constructor(private readonly config: ControllerConfig) {
    this.containerName = managerContainerName(config.namespace);
  }

  async install(target: ManagerTarget): Promise<InstallOutcome> {
    const engine = await this.step(
      target,
      DeploymentStep.Connect,
      () => this.connect(target),
      connectRemedy(target),
    );
    await this.refuseAnotherHostsEngine(engine, target);

    const imageLoaded = await this.step(
      target,
      DeploymentStep.Image,
      () => this.provideImage(engine),
      "Build it on the controller's engine (docker/build-images.sh --local manager) " +
        'or load it on the host',
    );

    return this.step(
      target,
      DeploymentStep.Container,
      () => this.runContainer(engine, target, imageLoaded),
      startRemedy(target),
    );
  }

  /** Restarts the host's manager container, or deploys it again when it is gone. */
  async revive(target: ManagerTarget): Promise<'restarted' | 'redeployed'> {
    const engine = await this.openEngine(target);
    const existing = await engine.findContainer(this.containerName);

    if (existing === undefined) {
      await this.install(target);

      return 'redeployed';
    }
    await engine.restartContainer(this.containerName, STOP_TIMEOUT_SECONDS);

    return 'restarted';
  }

  /** Stops and removes the host's manager container; false when there was none. */
  async uninstall(target: ManagerTarget): Promise<boolean> {
    const engine = await this.openEngine(target);

    return engine.stopAndRemove(this.containerName, STOP_TIMEOUT_SECONDS);
  }

  /**
   * The TLS files are read at each opening, not kept: renewed certificates
   * are picked up, and no private key lives longer in memory than needed.
   * Tests replace the engines the installer talks to.
   */
  protected async openEngine(target: EngineTarget): Promise<ManagerEngine> {
    const tls =
      target.tlsCertPath === undefined
        ? undefined
        : await readEngineTls(target.tlsCertPath);

    return new ManagerEngine(target.engine, REQUEST_TIMEOUT_MS, tls);
  }

  private async connect(target: ManagerTarget): Promise<ManagerEngine> {
    const engine = await this.openEngine(target);
    await engine.ping();

    return engine;
  }

  /**
   * The host keeps its image when it is the controller's build; a missing or
   * older one is copied from the controller's engine (no registry needed).
   * Returns whether an image was loaded.
   */
  private async provideImage(engine: ManagerEngine): Promise<boolean> {
    const image = this.config.managerImage;
    const onHost = await engine.imageId(image);
    const source = await this.openEngine({ engine: this.config.managerImageSource });
    const atSource = await source.imageId(image).catch(() => undefined);

    if (onHost !== undefined && (atSource === undefined || atSource === onHost)) {
      return false;
    }
    if (atSource === undefined) {
      throw new Error(
        `${image} is neither on ${engine.description} nor on ${source.description}`,
      );
    }

    await engine.loadImage(await source.exportImage(image));
    if ((await engine.imageId(image)) !== atSource) {
      throw new Error(`${engine.description} did not keep ${image} after loading it`);
    }
    this.logger.log(
      `loaded ${image} from ${source.description} into ${engine.description}`,
    );

    return true;
  }

  private async refuseAnotherHostsEngine(
    engine: ManagerEngine,
    target: ManagerTarget,
  ): Promise<void> {
    const existing = await engine.findContainer(this.containerName);
    const servedHost = existing?.hostLabel;

    if (servedHost !== undefined && servedHost !== target.address) {
      throw new EngineServesAnotherHostError(target.address, target.engine, servedHost);
    }
  }

  /**
   * A running manager of ours for this host is kept (a repeated PUT); any
   * other container by our name is stale and replaced.
   */
  private async runContainer(
    engine: ManagerEngine,
    target: ManagerTarget,
    imageLoaded: boolean,
  ): Promise<InstallOutcome> {
    const name = this.containerName;
    const existing = await engine.findContainer(name);
    if (
      existing?.running === true &&
      existing.hostLabel === target.address &&
      !imageLoaded
    ) {
      return { containerName: name, containerId: existing.id, reused: true, imageLoaded };
    }
    if (existing !== undefined) {
      await engine.removeContainer(existing.id);
    }

    const expectedEngine = await engine.identity();
    const id = await engine.createContainer(
      managerContainerOptions(this.settingsFor(target, expectedEngine)),
    );
    try {
      await engine.startContainer(id);
      await this.requireRunning(engine, id);
    } catch (error) {
      await engine
        .removeContainer(id)
        .catch((cleanupError: unknown) =>
          this.logger.error(
            `could not remove the failed manager container ${name} ` +
              `on ${engine.description}: ${String(cleanupError)}`,
          ),
        );
      throw error;
    }

    return { containerName: name, containerId: id, reused: false, imageLoaded };
  }

  /**
   * A manager that stops while watched failed to start: its log is read
   * before its container is removed, so the answer can say why.
   */
  private async requireRunning(engine: ManagerEngine, id: string): Promise<void> {
    const exitCode = await engine.exitWithin(id, START_WATCH_MS);
    if (exitCode === undefined) {
      return;
    }

    const log = await engine.logTail(id, MANAGER_LOG_TAIL_LINES).catch(() => []);

    throw new ManagerExitedError(exitCode, managerErrorIn(log));
  }

  private settingsFor(target: ManagerTarget, expectedEngine: EngineIdentity) {
    return {
      address: target.address,
      namespace: this.config.namespace,
      image: this.config.managerImage,
      amqpUrl: this.config.managerAmqpUrl ?? this.config.amqpUrl,
      engineSocket: target.engineSocket,
      expectedEngine,
      heartbeatIntervalMs: this.config.heartbeatIntervalMs,
      scopeLabel: this.config.managerScopeLabel,
      logFormat: this.config.logFormat,
    };
  }

  /** `remedy` may depend on the error: a TLS failure needs other checks than a dead engine. */
  private async step<T>(
    target: ManagerTarget,
    step: DeploymentStep,
    action: () => Promise<T>,
    remedy: string | ((error: unknown) => string),
  ): Promise<T> {
    try {
      return await action();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(
        `deploying the manager of ${target.address} on ${target.engine} ` +
          `failed at "${step}": ${reason}`,
      );

      throw new DeploymentError(
        target.address,
        step,
        reason,
        typeof remedy === 'string' ? remedy : remedy(error),
        isTlsFailure(error),
      );
    }
  }
}

function isTlsFailure(error: unknown): boolean {
  return (
    error instanceof DockerError &&
    (error.code === DockerErrorCode.TlsFailed ||
      error.code === DockerErrorCode.InvalidTls)
  );
}

function connectRemedy(target: ManagerTarget): (error: unknown) => string {
  return (error) => {
    if (!isTlsFailure(error)) {
      return 'Check that dockerd runs on that host, and the endpoint and its permissions';
    }
    if (target.tlsCertPath === undefined) {
      return (
        'The engine wants TLS: give its CA and a client certificate with ' +
        '"tls": {"certPath": "<folder with ca.pem, cert.pem, key.pem>"}'
      );
    }

    // The cause already says which side refused; this says where to look.
    return (
      `Check the TLS files in ${target.tlsCertPath} against the engine's ` +
      '--tlscacert and --tlscert'
    );
  };
}

/**
 * A missing socket fails the creation (it is a mount); a manager that
 * stopped has already said why, in the cause.
 */
function startRemedy(target: ManagerTarget): (error: unknown) => string {
  return (error) => {
    if (error instanceof ManagerExitedError) {
      return "Fix what the manager's error names, then deploy again";
    }
    if (isMissingMountSource(error)) {
      return (
        `engineSocket ${target.engineSocket} does not exist on the host: ` +
        "give engineSocket, the path of the engine's socket there"
      );
    }

    return "Read the engine's log on the host";
  };
}

function isMissingMountSource(error: unknown): boolean {
  return error instanceof Error && /bind source path does not exist/.test(error.message);
}
