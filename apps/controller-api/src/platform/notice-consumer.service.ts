import { AmqpConnection, Nack } from '@golevelup/nestjs-rabbitmq';
import { amqpTopology, NoticeKind, parseNotice, Notice } from '@hms/contracts';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { ConsumeMessage } from 'amqplib';

import { ControllerConfig } from '../config/controller.config';
import { MetricsService } from '../metrics/metrics.service';
import { HostRegistryService } from './host-registry.service';
import { PlatformStateService } from './platform-state.service';

/**
 * Takes every notice of the namespace (announce, update, heartbeat, attack)
 * off a queue of the controller's own, validates it and hands it to the host
 * registry. A malformed notice is logged and dropped, never requeued.
 */
@Injectable()
export class NoticeConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger(NoticeConsumer.name);

  constructor(
    private readonly amqp: AmqpConnection,
    private readonly config: ControllerConfig,
    private readonly registry: HostRegistryService,
    private readonly state: PlatformStateService,
    private readonly metrics: MetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const exchange = amqpTopology(this.config.namespace).notices;

    // A server-named exclusive queue: notices sent while no controller runs
    // are stale by the time one starts, and heartbeats bring it up to date.
    await this.amqp.createSubscriber(
      (message: unknown, raw?: ConsumeMessage) => this.handle(message, raw),
      {
        exchange,
        routingKey: '#',
        queue: '',
        queueOptions: { exclusive: true, autoDelete: true, durable: false },
        allowNonJsonMessages: true,
      },
      'NoticeConsumer.handle',
    );
    this.logger.log(`listening to notices on ${exchange}`);
  }

  async handle(message: unknown, raw?: ConsumeMessage): Promise<Nack | undefined> {
    const parsed = parseNotice(message);
    if (!parsed.ok) {
      this.logger.warn(
        `dropped a malformed notice (routing key ${raw?.fields.routingKey}): ${parsed.reason}`,
      );

      return new Nack(false);
    }

    const notice = parsed.value;
    try {
      this.dispatch(notice);
      this.count(notice, raw);
    } catch (error) {
      this.logger.error(
        `failed to handle ${notice.kind} notice of ${notice.address}: ${String(error)}`,
        error instanceof Error ? error.stack : undefined,
      );

      return new Nack(false);
    }

    return undefined;
  }

  /** Traffic counts for the platform's hosts only, not for removed or unknown senders. */
  private count(notice: Notice, raw: ConsumeMessage | undefined): void {
    if (this.state.find(notice.address) !== undefined) {
      this.metrics.countMessage(notice.address, 'in', raw?.content.length ?? 0);
    }
  }

  private dispatch(notice: Notice): void {
    switch (notice.kind) {
      case NoticeKind.Announce:
        return this.registry.onAnnounce(notice);
      case NoticeKind.Heartbeat:
        return this.registry.onHeartbeat(notice);
      case NoticeKind.Update:
        return this.registry.onUpdate(notice);
      case NoticeKind.Attack:
        return this.registry.onAttack(notice);
    }
  }
}
