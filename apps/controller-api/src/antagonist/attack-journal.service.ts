import { AmqpConnection, Nack } from '@golevelup/nestjs-rabbitmq';
import {
  amqpTopology,
  AttackNotice,
  NoticeKind,
  noticeRoutingKey,
  parseNotice,
} from '@hms/contracts';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';

import { ControllerConfig } from '../config/controller.config';
import { AttackListResponseDto, AttackResponseDto } from './dto/attack-response.dto';

/** Attacks kept in memory, all hosts together; the oldest go first. */
export const ATTACK_JOURNAL_SIZE = 2000;

/** @default 100 */
const DEFAULT_LIMIT = 100;

/**
 * The attacks antagonists reported, newest last, bounded in memory. It has a
 * queue of its own bound to `attack.*` on the notices exchange, so it needs
 * nothing from the rest of the controller.
 */
@Injectable()
export class AttackJournal implements OnApplicationBootstrap {
  private readonly logger = new Logger(AttackJournal.name);
  private readonly attacks: AttackResponseDto[] = [];

  constructor(
    private readonly amqp: AmqpConnection,
    private readonly config: ControllerConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const exchange = amqpTopology(this.config.namespace).notices;

    // Attacks made while no controller ran are not replayed: exclusive queue.
    await this.amqp.createSubscriber(
      (message: unknown) => this.receive(message),
      {
        exchange,
        // `#`, not `*`: a host address such as 10.0.0.5 is several topic words.
        routingKey: noticeRoutingKey(NoticeKind.Attack, '#'),
        queue: '',
        queueOptions: { exclusive: true, autoDelete: true, durable: false },
        allowNonJsonMessages: true,
      },
      'AttackJournal.receive',
    );
  }

  async receive(message: unknown): Promise<Nack | undefined> {
    const parsed = parseNotice(message);
    if (!parsed.ok || parsed.value.kind !== NoticeKind.Attack) {
      const reason = parsed.ok ? `kind ${parsed.value.kind}` : parsed.reason;
      this.logger.warn(`dropped a malformed attack notice: ${reason}`);

      return new Nack(false);
    }

    this.record(parsed.value);

    return undefined;
  }

  list(host: string | undefined, limit = DEFAULT_LIMIT): AttackListResponseDto {
    const matching = this.attacks.filter(
      (attack) => host === undefined || attack.host === host,
    );

    return { total: matching.length, attacks: matching.slice(-limit).reverse() };
  }

  private record(notice: AttackNotice): void {
    this.attacks.push({ host: notice.address, ...notice.attack });
    if (this.attacks.length > ATTACK_JOURNAL_SIZE) {
      this.attacks.shift();
    }
  }
}
