import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';

import { DockerEngine } from '@hms/docker';

import { HostSettings } from '../config/host-settings';
import { ManagerConfig } from '../config/manager.config';
import { ScopeFilter } from '../config/scope-filter';
import { FaultDetector } from '../faults/fault-detector';
import { probeAddress } from '../registry/container-record';
import { ContainerRegistry } from '../registry/container-registry';

/**
 * The periodic re-list: picks up new containers without a manager restart,
 * drops removed ones, and catches the faults the events stream missed (a
 * stream drop, an engine restart). Polling is the safety net, not the detector.
 */
@Injectable()
export class Reconciler implements OnModuleDestroy {
  private readonly logger = new Logger(Reconciler.name);
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<void>;
  private lastSummary = '';
  private failing = false;

  constructor(
    private readonly config: ManagerConfig,
    private readonly docker: DockerEngine,
    private readonly registry: ContainerRegistry,
    private readonly settings: HostSettings,
    private readonly detector: FaultDetector,
    private readonly scope: ScopeFilter,
  ) {}

  /** Re-lists now; a re-list already running is joined, not doubled. */
  relist(): Promise<void> {
    this.inFlight ??= this.relistOnce().finally(() => (this.inFlight = undefined));

    return this.inFlight;
  }

  startPeriodic(): void {
    this.stop();
    this.timer = setTimeout(() => void this.tick(), this.config.relistIntervalMs);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  onModuleDestroy(): void {
    this.stop();
  }

  private async tick(): Promise<void> {
    try {
      await this.relist();
      if (this.failing) {
        this.logger.log('re-listing containers works again');
      }
      this.failing = false;
    } catch (error) {
      // One line per outage, not one per period.
      if (!this.failing) {
        this.logger.error(
          `re-listing containers failed: ${(error as Error).message}; ` +
            `retrying every ${this.config.relistIntervalMs} ms`,
        );
      }
      this.failing = true;
    }
    this.startPeriodic();
  }

  private async relistOnce(): Promise<void> {
    const snapshots = await this.docker.listContainers(this.scope.engineFilter);
    const present = new Set<string>();

    for (const snapshot of snapshots.filter((candidate) =>
      this.scope.includes(candidate),
    )) {
      present.add(snapshot.id);
      this.registry.upsert(snapshot);
    }
    for (const record of this.registry.all()) {
      if (!present.has(record.snapshot.id)) {
        this.detector.forget(record.snapshot.id);
      }
    }
    for (const record of this.registry.all()) {
      if (!this.detector.isSettling(record.snapshot.id)) {
        this.detector.check(record.snapshot.id);
      }
    }

    this.logSummaryIfChanged();
  }

  /** "supervising 4 containers (1 ignored, 1 not probed)", when the figures change. */
  private logSummaryIfChanged(): void {
    const records = this.registry.all();
    const ignored = records.filter((record) => this.settings.isIgnored(record.snapshot));
    const notProbed = records.filter(
      (record) =>
        !this.settings.isIgnored(record.snapshot) &&
        record.snapshot.state === 'running' &&
        probeAddress(record.snapshot) === undefined,
    );
    const summary =
      `supervising ${records.length} containers ` +
      `(${ignored.length} ignored, ${notProbed.length} not probed)`;

    if (summary !== this.lastSummary) {
      this.logger.log(summary);
      this.lastSummary = summary;
    }
  }
}
