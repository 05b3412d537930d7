import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';

import { DockerEngine, DockerError, EventSubscription } from '@hms/docker';

import { ScopeFilter } from '../config/scope-filter';
import { FaultDetector } from '../faults/fault-detector';
import { Reconciler } from './reconciler';

/** Reconnect waits double from the first up to the last, and stay there. */
const RECONNECT_FIRST_MS = 250;
const RECONNECT_MAX_MS = 10_000;

/**
 * Follows the engine's container events and hands them to the fault detector.
 * When the stream ends or fails it reconnects with a bounded backoff and
 * re-lists, since events were missed in between.
 */
@Injectable()
export class EventWatcher implements OnModuleDestroy {
  private readonly logger = new Logger(EventWatcher.name);
  private subscription?: EventSubscription;
  private reconnectTimer?: NodeJS.Timeout;
  private failedAttempts = 0;
  private stopped = false;

  constructor(
    private readonly docker: DockerEngine,
    private readonly detector: FaultDetector,
    private readonly reconciler: Reconciler,
    private readonly scope: ScopeFilter,
  ) {}

  /** Starts following; fails when the engine does not give the stream at all. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
    this.logger.log(`following Docker events of ${this.scope.describe()}`);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.subscription?.close();
    this.subscription = undefined;
  }

  onModuleDestroy(): void {
    this.stop();
  }

  private async connect(): Promise<void> {
    const subscription = await this.docker.watchEvents(
      {
        onEvent: (event) => this.detector.onEvent(event),
        onEnd: (error) => this.onStreamEnd(error),
      },
      this.scope.engineFilter,
    );

    // stop() may have come while the engine was answering.
    if (this.stopped) {
      subscription.close();
    } else {
      this.subscription = subscription;
    }
  }

  private onStreamEnd(error: DockerError): void {
    this.subscription = undefined;
    if (this.stopped) {
      return;
    }

    this.logger.warn(`Docker events stream ended (${error.message}); reconnecting`);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delayMs = Math.min(
      RECONNECT_FIRST_MS * 2 ** this.failedAttempts,
      RECONNECT_MAX_MS,
    );

    this.reconnectTimer = setTimeout(() => void this.reconnect(), delayMs);
  }

  private async reconnect(): Promise<void> {
    if (this.stopped) {
      return;
    }

    try {
      await this.connect();
    } catch (error) {
      this.failedAttempts += 1;
      this.logger.error(
        `reconnecting to Docker events failed (attempt ${this.failedAttempts}): ` +
          (error as Error).message,
      );
      this.scheduleReconnect();

      return;
    }

    this.failedAttempts = 0;
    this.logger.log('following Docker events again; re-listing to catch what was missed');
    await this.reconciler
      .relist()
      .catch((error: Error) =>
        this.logger.warn(`re-list after reconnecting failed: ${error.message}`),
      );
  }
}
