import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';

import { ControllerConfig } from '../config/controller.config';
import { HistoryEventKind } from '../history/history-event';
import { HistoryService } from '../history/history.service';
import { HostLiveness, HostState } from './host-state';
import { PlatformStateService } from './platform-state.service';

/**
 * Marks a live host unreachable once its heartbeats stopped for the configured
 * number of periods. Its next heartbeat brings it back (HostRegistryService).
 */
@Injectable()
export class LivenessMonitor implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LivenessMonitor.name);
  private readonly silenceLimitMs: number;
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly config: ControllerConfig,
    private readonly state: PlatformStateService,
    private readonly history: HistoryService,
  ) {
    this.silenceLimitMs = config.heartbeatIntervalMs * config.missedHeartbeats;
  }

  onModuleInit(): void {
    // Checking twice per period keeps the detection within half a period of the limit.
    this.timer = setInterval(() => this.check(), this.config.heartbeatIntervalMs / 2);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Marks every live host whose last heartbeat is older than the limit. */
  check(now = Date.now()): void {
    for (const host of this.state.list()) {
      const silentMs = now - (host.lastHeartbeatAt ?? now);

      if (host.liveness === HostLiveness.Live && silentMs > this.silenceLimitMs) {
        this.markUnreachable(host, silentMs);
      }
    }
  }

  private markUnreachable(host: HostState, silentMs: number): void {
    host.liveness = HostLiveness.Unreachable;
    const message =
      `host ${host.address} unreachable: no heartbeat for ${(silentMs / 1000).toFixed(1)} s ` +
      `(${this.config.missedHeartbeats} missed)`;

    this.history.record({
      kind: HistoryEventKind.HostUnreachable,
      host: host.address,
      message,
    });
    this.logger.warn(
      `${message}; its desired configuration is sent again when it is back`,
    );
  }
}
