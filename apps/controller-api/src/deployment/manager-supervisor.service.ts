import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';

import { ControllerConfig } from '../config/controller.config';
import { HistoryEventKind } from '../history/history-event';
import { HistoryService } from '../history/history.service';
import { HostLiveness, HostState } from '../platform/host-state';
import { PlatformStateService } from '../platform/platform-state.service';
import { ManagerDeployment } from './deployment.repository';
import { HostDeploymentService } from './host-deployment.service';
import {
  backoffMs,
  RepairLimits,
  RepairRecord,
  repairIsDue,
} from './manager-repair-policy';

/** Attempts on a host whose manager cannot run end up this far apart. */
const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * Keeps the managers the controller deployed running: one that went silent
 * (unreachable) or never announced itself gets its container restarted, or
 * the whole manager deployed again when the container is gone. Each action
 * is recorded in the history as `manager-redeployed`, each failed attempt as
 * `manager-redeploy-failed`; the manager gets its
 * configuration back when it announces itself (HostRegistryService).
 */
@Injectable()
export class ManagerSupervisor implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ManagerSupervisor.name);
  private readonly limits: RepairLimits;
  private readonly repairs = new Map<string, RepairRecord>();
  private readonly reviving = new Set<string>();
  private startedAt = Date.now();
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly config: ControllerConfig,
    private readonly state: PlatformStateService,
    private readonly deployments: HostDeploymentService,
    private readonly history: HistoryService,
  ) {
    this.limits = {
      startGraceMs: config.managerStartGraceMs,
      maxBackoffMs: MAX_BACKOFF_MS,
    };
  }

  onModuleInit(): void {
    this.startedAt = Date.now();
    this.timer = setInterval(() => void this.check(), this.config.heartbeatIntervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Revives every deployed manager that is due; returns when those attempts ended. */
  async check(now = Date.now()): Promise<void> {
    const due = this.deployments
      .list()
      .filter((deployment) => this.isDue(deployment, now));

    await Promise.all(due.map((deployment) => this.revive(deployment, now)));
  }

  private isDue(deployment: ManagerDeployment, now: number): boolean {
    const host = this.state.find(deployment.address);
    if (host === undefined || this.reviving.has(deployment.address)) {
      return false;
    }
    if (host.liveness === HostLiveness.Live) {
      this.repairs.delete(deployment.address);

      return false;
    }

    const since = Math.max(deployment.deployedAt, this.startedAt);

    return repairIsDue(
      host.liveness,
      since,
      this.repairs.get(deployment.address),
      now,
      this.limits,
    );
  }

  private async revive(deployment: ManagerDeployment, now: number): Promise<void> {
    const host = this.state.find(deployment.address);
    const record = this.repairs.get(deployment.address) ?? {
      attempts: 0,
      lastAttemptAt: now,
    };
    record.attempts += 1;
    record.lastAttemptAt = now;
    this.repairs.set(deployment.address, record);
    this.reviving.add(deployment.address);

    try {
      const action = await this.deployments.revive(deployment);
      if (action !== undefined && host !== undefined) {
        this.record(host, deployment, action, Date.now() - now);
      }
    } catch (error) {
      this.recordFailure(deployment, host, record, error);
    } finally {
      this.reviving.delete(deployment.address);
    }
  }

  /**
   * In the history too, not only in the log: an operator looking at an
   * unreachable host in the API must learn why it stays so. Attempts back
   * off up to MAX_BACKOFF_MS, so this cannot flood the history.
   */
  private recordFailure(
    deployment: ManagerDeployment,
    host: HostState | undefined,
    record: RepairRecord,
    error: unknown,
  ): void {
    const next = backoffMs(record.attempts, this.limits) / 1000;
    const message =
      `manager of ${deployment.address} is ${host?.liveness ?? 'gone'} and could not ` +
      `be revived on ${deployment.engine} (attempt ${record.attempts}): ` +
      `${error instanceof Error ? error.message : String(error)}; next attempt in ${next} s`;

    this.history.record({
      kind: HistoryEventKind.ManagerRedeployFailed,
      host: deployment.address,
      message,
    });
    this.logger.error(message);
  }

  private record(
    host: HostState,
    deployment: ManagerDeployment,
    action: 'restarted' | 'redeployed',
    tookMs: number,
  ): void {
    const what =
      action === 'restarted'
        ? `restarted its container ${deployment.containerName}`
        : `deployed it again (container ${deployment.containerName} was gone)`;
    const message =
      `manager of ${host.address} was ${describeSilence(host)}: ` +
      `${what} on ${deployment.engine} in ${tookMs} ms`;

    this.history.record({
      kind: HistoryEventKind.ManagerRedeployed,
      host: host.address,
      message,
    });
    this.logger.warn(message);
  }
}

function describeSilence(host: HostState): string {
  if (host.liveness !== HostLiveness.Unreachable || host.lastHeartbeatAt === undefined) {
    return `${host.liveness} and never announced itself`;
  }

  const silentSeconds = (Date.now() - host.lastHeartbeatAt) / 1000;

  return `unreachable (no heartbeat for ${silentSeconds.toFixed(1)} s)`;
}
