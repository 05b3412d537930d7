import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';

import {
  ContainerAction,
  ContainerEvent,
  DockerEngine,
  DockerErrorCode,
} from '@hms/docker';

import { HostSettings } from '../config/host-settings';
import { ScopeFilter } from '../config/scope-filter';
import { Healer } from '../healing/healer';
import { ContainerRegistry } from '../registry/container-registry';
import { EventHistory } from './event-history';
import { classifyFault } from './fault-classifier';

/**
 * After a `die`, how long to wait for the `stop` that tells a `docker stop`
 * from a kill. The engine sends it within ~100 ms; a stop ends the wait early.
 */
export const DIE_SETTLE_MS = 300;

/**
 * After a `die` that followed a SIGTERM, which is how `docker stop` begins,
 * the `stop` event is likely on its way: a loaded engine can take over a
 * second to send it, and classifying before it comes would call a stop a
 * kill. A stop ends the wait early, so only `docker kill -s TERM` pays it.
 */
export const DIE_AFTER_SIGTERM_SETTLE_MS = 2000;

const SIGTERM = 15;

/**
 * Turns container events into faults for the healer, at once: it keeps each
 * container's recent events, refreshes the registry on lifecycle events and
 * classifies a container as soon as it is known to be down or unhealthy.
 */
@Injectable()
export class FaultDetector implements OnModuleDestroy {
  private readonly logger = new Logger(FaultDetector.name);
  private readonly history = new EventHistory();
  private readonly settling = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly registry: ContainerRegistry,
    private readonly settings: HostSettings,
    private readonly healer: Healer,
    private readonly docker: DockerEngine,
    private readonly scope: ScopeFilter,
  ) {}

  onEvent(event: ContainerEvent): void {
    this.history.record(event);

    switch (event.action) {
      // A die is classified once the stop that may follow it had time to come.
      case ContainerAction.Die:
        this.settle(event.id, this.dieSettleMs(event.id));
        break;
      case ContainerAction.Stop:
        this.settle(event.id, 0);
        break;
      case ContainerAction.Start:
        void this.refresh(event.id).then(() => this.healer.runningAgain(event.id));
        break;
      case ContainerAction.HealthStatus:
        void this.refresh(event.id).then(() => this.check(event.id));
        break;
      case ContainerAction.Destroy:
        this.forget(event.id);
        break;
      case ContainerAction.Create:
      case ContainerAction.Rename:
      case ContainerAction.Pause:
      case ContainerAction.Unpause:
        void this.refresh(event.id);
        break;
    }
  }

  /** A `die` not yet classified: the reconciler leaves such a container alone. */
  isSettling(id: string): boolean {
    return this.settling.has(id);
  }

  /**
   * Classifies a known container from its events and state and hands a fault
   * to the healer. Does nothing for a running healthy, ignored, or already
   * handled container, or when the host is retired.
   */
  check(id: string): void {
    const record = this.registry.get(id);
    if (record === undefined || this.healer.isHandling(id) || !this.settings.acting) {
      return;
    }
    if (this.settings.isIgnored(record.snapshot) || record.leftDown) {
      return;
    }

    const events = this.history.since(id);
    const classification = classifyFault(events, record.snapshot);
    if (classification !== undefined) {
      const died = [...events]
        .reverse()
        .find((event) => event.action === ContainerAction.Die);
      const atMs =
        (died ?? events.at(-1))?.timeMs ?? finishedAtMs(record.snapshot.finishedAt);
      this.healer.handleFault(id, { ...classification, atMs });
    }
  }

  /** Re-inspects a container into the registry; a vanished one is removed. */
  async refresh(id: string): Promise<void> {
    try {
      const snapshot = await this.docker.inspectContainer(id);
      if (this.scope.includes(snapshot)) {
        this.registry.upsert(snapshot);
      }
    } catch (error) {
      if ((error as { code?: string }).code === DockerErrorCode.ContainerNotFound) {
        this.forget(id);

        return;
      }
      this.logger.warn(
        `could not inspect container ${id.slice(0, 12)}: ${(error as Error).message}`,
      );
    }
  }

  /** The container left the engine: it leaves supervision and the registry. */
  forget(id: string): void {
    clearTimeout(this.settling.get(id));
    this.settling.delete(id);
    this.history.forget(id);
    this.healer.forget(id);
    this.registry.remove(id);
  }

  onModuleDestroy(): void {
    for (const timer of this.settling.values()) {
      clearTimeout(timer);
    }
    this.settling.clear();
  }

  private dieSettleMs(id: string): number {
    const terminated = this.history
      .since(id)
      .some((event) => event.action === ContainerAction.Kill && event.signal === SIGTERM);

    return terminated ? DIE_AFTER_SIGTERM_SETTLE_MS : DIE_SETTLE_MS;
  }

  private settle(id: string, delayMs: number): void {
    clearTimeout(this.settling.get(id));

    const timer = setTimeout(() => {
      this.settling.delete(id);
      void this.refresh(id).then(() => this.check(id));
    }, delayMs);
    this.settling.set(id, timer);
  }
}

function finishedAtMs(finishedAt: string | undefined): number {
  const parsed = finishedAt === undefined ? NaN : Date.parse(finishedAt);

  return Number.isFinite(parsed) ? parsed : Date.now();
}
