import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import {
  amqpTopology,
  AttackDto,
  AttackNotice,
  NoticeKind,
  noticeRoutingKey,
} from '@hms/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';

import { AntagonistConfig } from '../config/antagonist-config';
import { ANTAGONIST_CONFIG } from '../config/tokens';

/**
 * Publishes every attack as an AttackNotice on the notices exchange: the
 * ground truth that experiments compare the monitor's actions with.
 */
@Injectable()
export class AttackPublisher {
  private readonly logger = new Logger(AttackPublisher.name);

  constructor(
    private readonly amqp: AmqpConnection,
    @Inject(ANTAGONIST_CONFIG) private readonly config: AntagonistConfig,
  ) {}

  async publish(attack: AttackDto): Promise<void> {
    const notice: AttackNotice = {
      kind: NoticeKind.Attack,
      address: this.config.hostAddress,
      attack,
    };
    const exchange = amqpTopology(this.config.namespace).notices;
    const routingKey = noticeRoutingKey(NoticeKind.Attack, this.config.hostAddress);

    try {
      await this.amqp.publish(exchange, routingKey, notice);
    } catch (error) {
      // The attack happened anyway; an experiment will miss it, so say so loudly.
      this.logger.warn(
        `attack on ${attack.containerName} at ${attack.at} was not published to ${exchange}: ${(error as Error).message}`,
      );
    }
  }
}
