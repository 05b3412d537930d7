import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';

import { maskUrlPassword } from '@hms/config';
import {
  amqpTopology,
  AnnounceNotice,
  HeartbeatNotice,
  Notice,
  noticeRoutingKey,
  PROTOCOL_VERSION,
  UpdateNotice,
} from '@hms/contracts';

import { HostSettings } from '../config/host-settings';
import { ManagerConfig } from '../config/manager.config';
import { ContainerRegistry } from '../registry/container-registry';

/** Changes within this window go out as one update notice. */
export const UPDATE_COALESCE_MS = 20;

/**
 * Publishes the manager's notices, fire-and-forget: `announce` on every
 * connection to the broker, `update` when the monitor log moved (bursts
 * coalesced) and a `heartbeat` on a fixed period.
 */
@Injectable()
export class NoticePublisher implements OnModuleDestroy {
  private readonly logger = new Logger(NoticePublisher.name);
  private readonly startedAt = new Date().toISOString();
  private readonly exchange: string;
  private updateTimer?: NodeJS.Timeout;
  private heartbeatTimer?: NodeJS.Timeout;
  private unsubscribe?: () => void;

  constructor(
    private readonly config: ManagerConfig,
    private readonly amqp: AmqpConnection,
    private readonly registry: ContainerRegistry,
    private readonly settings: HostSettings,
  ) {
    this.exchange = amqpTopology(config.namespace).notices;
  }

  start(): void {
    this.unsubscribe = this.registry.onChange(() => this.scheduleUpdate());
    this.heartbeatTimer = setInterval(
      () => this.heartbeat(),
      this.config.heartbeatIntervalMs,
    );

    const connection = this.amqp.managedConnection;
    connection.on('connect', this.onConnect);
    connection.on('disconnect', this.onDisconnect);
    if (this.amqp.connected) {
      this.onConnect();
    }
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    clearTimeout(this.updateTimer);
    clearInterval(this.heartbeatTimer);
    this.amqp.managedConnection?.removeListener('connect', this.onConnect);
    this.amqp.managedConnection?.removeListener('disconnect', this.onDisconnect);
  }

  private readonly onConnect = (): void => {
    this.logger.log(`connected to the broker at ${maskUrlPassword(this.config.amqpUrl)}`);
    this.publish(
      Object.assign(new AnnounceNotice(), {
        address: this.config.hostAddress,
        protocol: PROTOCOL_VERSION,
        startedAt: this.startedAt,
        threshold: this.settings.threshold,
      }),
    );
  };

  private readonly onDisconnect = ({ err }: { err?: Error }): void => {
    this.logger.warn(
      `lost the broker (${err?.message ?? 'connection closed'}); ` +
        'containers are still healed, notices resume after reconnecting',
    );
  };

  private scheduleUpdate(): void {
    if (this.updateTimer !== undefined) {
      return;
    }

    this.updateTimer = setTimeout(() => {
      this.updateTimer = undefined;
      this.publishIfConnected(
        Object.assign(new UpdateNotice(), {
          address: this.config.hostAddress,
          revision: this.registry.revision,
        }),
      );
    }, UPDATE_COALESCE_MS);
  }

  private heartbeat(): void {
    this.publishIfConnected(
      Object.assign(new HeartbeatNotice(), {
        address: this.config.hostAddress,
        protocol: PROTOCOL_VERSION,
        revision: this.registry.revision,
        threshold: this.settings.threshold,
        containerCount: this.registry.all().length,
        acting: this.settings.acting,
        startedAt: this.startedAt,
      }),
    );
  }

  /** Disconnected, a notice is dropped, not queued: the next announce supersedes it. */
  private publishIfConnected(notice: Notice): void {
    if (this.amqp.connected) {
      this.publish(notice);
    }
  }

  private publish(notice: Notice): void {
    const routingKey = noticeRoutingKey(notice.kind, this.config.hostAddress);

    this.amqp
      .publish(this.exchange, routingKey, notice, { contentType: 'application/json' })
      .catch((error: Error) =>
        this.logger.warn(`could not publish ${notice.kind} notice: ${error.message}`),
      );
  }
}
