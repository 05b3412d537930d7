import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';

import { FaultCause } from '@hms/contracts';
import { DockerEngine } from '@hms/docker';

import { HostSettings } from '../config/host-settings';
import { ManagerConfig } from '../config/manager.config';
import { Healer } from '../healing/healer';
import { probeAddress } from '../registry/container-record';
import { ContainerRegistry } from '../registry/container-registry';
import { mapWithConcurrency } from './concurrency-pool';
import { Prober } from './icmp-prober';
import { exceedsThreshold, packetLossPercent } from './packet-loss';

interface ProbeTarget {
  readonly id: string;
  readonly name: string;
  readonly address: string;

  /** When the probed run of the container started, to tell it from a later one. */
  readonly startedAt?: string;
}

/** What one cycle did, for tests and the debug log. */
export interface ProbeCycleReport {
  readonly probed: number;
  readonly failed: number;
  readonly overThreshold: number;
  readonly durationMs: number;
}

/**
 * Probes every running, supervised container that has an IPv4 address, many
 * at once (HMS_PROBE_CONCURRENCY), then pauses HMS_PROBE_PERIOD_MS. A loss
 * above the threshold is a packet-loss fault for the healer.
 */
@Injectable()
export class ProbeScheduler implements OnModuleDestroy {
  private readonly logger = new Logger(ProbeScheduler.name);
  private running = false;
  private loop?: Promise<void>;
  private pause?: { timer: NodeJS.Timeout; wake: () => void };

  constructor(
    private readonly config: ManagerConfig,
    private readonly registry: ContainerRegistry,
    private readonly settings: HostSettings,
    private readonly prober: Prober,
    private readonly healer: Healer,
    private readonly docker: DockerEngine,
  ) {}

  start(): void {
    if (this.running) {
      return;
    }

    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the cycle under way; resolves when it has. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.pause !== undefined) {
      clearTimeout(this.pause.timer);
      this.pause.wake();
    }
    await this.loop;
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  async runCycle(): Promise<ProbeCycleReport> {
    const started = Date.now();
    const targets = this.targets();
    const results = await mapWithConcurrency(
      targets,
      this.config.probeConcurrency,
      (target) => this.prober.probe(target.address),
    );

    let failed = 0;
    let overThreshold = 0;
    for (const [index, result] of results.entries()) {
      const target = targets[index];
      if (result.status === 'rejected') {
        failed += 1;
        this.logger.warn(
          `probe of ${target.name} failed: ${(result.reason as Error).message}`,
        );
        continue;
      }

      const loss = packetLossPercent(result.value);
      this.registry.recordProbe(target.id, loss, new Date());
      if (!exceedsThreshold(loss, this.settings.threshold)) {
        this.healer.probePassed(target.id);
        continue;
      }
      if (await this.stillRunning(target)) {
        overThreshold += 1;
        this.reportLoss(target, loss);
      }
    }

    return {
      probed: targets.length,
      failed,
      overThreshold,
      durationMs: Date.now() - started,
    };
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.runCycle();
      } catch (error) {
        this.logger.error(
          `probe cycle failed: ${(error as Error).message}`,
          (error as Error).stack,
        );
      }
      await this.sleep(this.config.probePeriodMs);
    }
  }

  private targets(): ProbeTarget[] {
    if (!this.settings.acting) {
      return [];
    }

    return this.registry
      .all()
      .filter(({ snapshot, phase }) => phase === 'ok' && snapshot.state === 'running')
      .filter(({ snapshot }) => !this.settings.isIgnored(snapshot))
      .filter(({ snapshot }) => !this.healer.isHandling(snapshot.id))
      .flatMap(({ snapshot }) => {
        const address = probeAddress(snapshot);

        return address === undefined
          ? []
          : [
              {
                id: snapshot.id,
                name: snapshot.name,
                address,
                startedAt: snapshot.startedAt,
              },
            ];
      });
  }

  /**
   * A container stopped during its probe loses every packet too; the events
   * classify that one, so loss only counts while the run that was probed
   * still goes on. A container restarted meanwhile is a new run the probe
   * never saw: blaming it would restart a healed container again.
   */
  private async stillRunning(target: ProbeTarget): Promise<boolean> {
    try {
      const now = await this.docker.inspectContainer(target.id);

      return now.state === 'running' && now.startedAt === target.startedAt;
    } catch {
      return false;
    }
  }

  private reportLoss(target: ProbeTarget, loss: number): void {
    const threshold = this.settings.threshold;

    this.healer.handleFault(target.id, {
      cause: FaultCause.PacketLoss,
      detail: `packet loss ${loss}% > threshold ${threshold}%`,
      atMs: Date.now(),
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        this.pause = undefined;
        resolve();
      };
      this.pause = { timer: setTimeout(wake, ms), wake };
    });
  }
}
