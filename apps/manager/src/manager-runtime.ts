import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@nestjs/common';

import { DockerEngine } from '@hms/docker';

import { ManagerConfig } from './config/manager.config';
import { ManagerError, ManagerErrorCode } from './manager-error';
import { ScopeFilter } from './config/scope-filter';
import { Healer } from './healing/healer';
import { NoticePublisher } from './messaging/notice-publisher';
import { IcmpProber } from './probing/icmp-prober';
import { ProbeScheduler } from './probing/probe-scheduler';
import { EventWatcher } from './watching/event-watcher';
import { Reconciler } from './watching/reconciler';

/**
 * Starts the manager's parts in the order that loses nothing: the raw socket
 * and the engine first (fail fast), then the events stream before the first
 * listing, then probes and notices; and stops them on shutdown.
 */
@Injectable()
export class ManagerRuntime
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(ManagerRuntime.name);

  constructor(
    private readonly config: ManagerConfig,
    private readonly docker: DockerEngine,
    private readonly prober: IcmpProber,
    private readonly watcher: EventWatcher,
    private readonly reconciler: Reconciler,
    private readonly probes: ProbeScheduler,
    private readonly healer: Healer,
    private readonly notices: NoticePublisher,
    private readonly scope: ScopeFilter,
  ) {}

  async onModuleInit(): Promise<void> {
    this.prober.open();

    await this.docker.ping();
    await this.requireExpectedEngine();

    const engine = await this.docker.version();
    this.logger.log(
      `Docker engine ${engine.version} (API ${engine.apiVersion}) ` +
        `at ${this.docker.description}`,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.watcher.start();
    await this.reconciler.relist();
    this.reconciler.startPeriodic();
    this.probes.start();
    this.notices.start();

    const { hostAddress, namespace, threshold } = this.config;
    this.logger.log(
      `manager of host ${hostAddress} running: namespace ${namespace}, ` +
        `threshold ${threshold}%, ${this.scope.describe()}`,
    );
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`stopping${signal ? ` on ${signal}` : ''}: probes, events, restarts`);

    this.watcher.stop();
    this.reconciler.stop();
    this.healer.cancelAll();
    await this.probes.stop();
  }

  /**
   * A manager handed another engine's socket (a remote host's default
   * /var/run/docker.sock, or the machine's own engine under a simulated
   * host) would supervise that engine's containers under this host's name.
   */
  private async requireExpectedEngine(): Promise<void> {
    const { expectedEngineId, expectedEngineRoot } = this.config;
    if (expectedEngineId === undefined) {
      return;
    }

    const engine = await this.docker.identity();
    const sameEngine =
      engine.id === expectedEngineId &&
      (expectedEngineRoot === undefined || engine.rootDir === expectedEngineRoot);
    if (!sameEngine) {
      const expected = describeEngine(expectedEngineId, expectedEngineRoot);

      throw new ManagerError(
        ManagerErrorCode.EngineMismatch,
        `the engine at ${this.docker.description} is ${engine.name} ` +
          `(${describeEngine(engine.id, engine.rootDir)}), not the one this manager ` +
          `was deployed through (${expected}): ` +
          `give engineSocket, the engine's socket on the host`,
      );
    }
  }
}

function describeEngine(id: string, rootDir?: string): string {
  return rootDir === undefined ? `ID ${id}` : `ID ${id}, data root ${rootDir}`;
}
