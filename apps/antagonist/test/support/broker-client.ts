import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import {
  amqpExchanges,
  amqpTopology,
  antagonistRoutingKey,
  AttackNotice,
  CommandReply,
  NoticeKind,
  noticeRoutingKey,
} from '@hms/contracts';
import { LoggerService } from '@nestjs/common';

/** The client's connection chatter stays out of the test output; errors do not. */
const QUIET_LOGGER: LoggerService = {
  log: () => undefined,
  warn: () => undefined,
  error: (message: unknown) => console.error(message),
};

const BROKER_URL = process.env['HMS_AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';

/**
 * Talks to the antagonist the way the controller does (RPC on the commands
 * exchange) and hears its attack notices, on the real broker.
 */
export class BrokerClient {
  readonly attacks: AttackNotice[] = [];
  private readonly connection: AmqpConnection;

  constructor(
    private readonly namespace: string,
    private readonly address: string,
  ) {
    const topology = amqpTopology(namespace);
    this.connection = new AmqpConnection({
      uri: BROKER_URL,
      // As the antagonist declares them: no fanout exchange.
      exchanges: amqpExchanges(namespace).filter(
        ({ name }) => name !== topology.broadcast,
      ),
      connectionInitOptions: { wait: true, timeout: 10_000 },
      logger: QUIET_LOGGER,
    });
  }

  async connect(): Promise<void> {
    await this.connection.init();
    await this.connection.createSubscriber(
      async (notice: AttackNotice | undefined) => {
        if (notice !== undefined) {
          this.attacks.push(notice);
        }
      },
      {
        exchange: amqpTopology(this.namespace).notices,
        routingKey: noticeRoutingKey(NoticeKind.Attack, this.address),
        queue: '',
        queueOptions: { exclusive: true, autoDelete: true, durable: false },
      },
      'attacks',
    );
  }

  /** Sends a command (or any payload) and returns the antagonist's reply. */
  command(payload: object | Buffer): Promise<CommandReply> {
    return this.connection.request<CommandReply>({
      exchange: amqpTopology(this.namespace).commands,
      routingKey: antagonistRoutingKey(this.address),
      payload,
      timeout: 15_000,
    });
  }

  conf(settings: Record<string, unknown>): Promise<CommandReply> {
    return this.command({ command: 'conf_antagonist', address: 'test', ...settings });
  }

  start(): Promise<CommandReply> {
    return this.command({ command: 'antagonist_start', address: 'test' });
  }

  stop(): Promise<CommandReply> {
    return this.command({ command: 'antagonist_stop', address: 'test' });
  }

  async close(): Promise<void> {
    await this.connection.managedConnection.close();
  }
}
