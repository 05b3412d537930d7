import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Channel, ConsumeMessage } from 'amqplib';

/** A reply as it came off the queue: its body, parsed when it is JSON, and its size. */
export interface ReceivedReply {
  readonly body: unknown;
  readonly bytes: number;
}

export type ReplyListener = (reply: ReceivedReply) => void;

/** The channel amqp-connection-manager keeps open, and sets up again on reconnect. */
type ManagedChannel = ReturnType<AmqpConnection['managedConnection']['createChannel']>;

/**
 * The controller's own reply queue. golevelup's request() stops at the first
 * reply, but a fanout command is answered by every manager, so replies are
 * taken here and handed to whoever waits for their correlation ID.
 *
 * The queue is server-named and exclusive: it disappears with the connection
 * and a new one is declared on reconnect, so its name is read at each send.
 */
@Injectable()
export class ReplyQueue implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ReplyQueue.name);
  private readonly listeners = new Map<string, ReplyListener>();
  private channel?: ManagedChannel;
  private queue?: string;

  constructor(private readonly amqp: AmqpConnection) {}

  async onModuleInit(): Promise<void> {
    this.channel = this.amqp.managedConnection.createChannel({
      name: 'controller-replies',
      confirm: false,
      setup: (channel: Channel) => this.declare(channel),
    });

    await this.channel.waitForConnect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.channel?.close();
  }

  /** Name of the queue replies go to; set once the broker connection is up. */
  get address(): string {
    if (this.queue === undefined) {
      throw new Error(
        'the reply queue is not declared yet: the broker connection is down',
      );
    }

    return this.queue;
  }

  /** Hands every reply carrying `correlationId` to `listener` until the returned stop is called. */
  listen(correlationId: string, listener: ReplyListener): () => void {
    this.listeners.set(correlationId, listener);

    return () => this.listeners.delete(correlationId);
  }

  private async declare(channel: Channel): Promise<void> {
    const { queue } = await channel.assertQueue('', {
      exclusive: true,
      autoDelete: true,
    });
    await channel.consume(queue, (message) => this.route(message), { noAck: true });

    this.queue = queue;
    this.logger.log(`replies to commands arrive on queue ${queue}`);
  }

  private route(message: ConsumeMessage | null): void {
    if (message === null) {
      return;
    }

    // amqplib types message properties loosely; a reply without a string ID matches nothing.
    const correlationId: unknown = message.properties.correlationId;
    const listener =
      typeof correlationId === 'string' ? this.listeners.get(correlationId) : undefined;
    if (listener === undefined) {
      // A reply after its command timed out: the caller has already answered.
      this.logger.debug(
        `dropped a reply nobody waits for (correlation ${correlationId})`,
      );

      return;
    }

    listener({ body: parseJson(message.content), bytes: message.content.length });
  }
}

function parseJson(content: Buffer): unknown {
  try {
    return JSON.parse(content.toString('utf8'));
  } catch {
    return undefined;
  }
}
