import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { ConsoleLogger } from '@nestjs/common';

import { amqpExchanges, amqpTopology, AmqpTopology, CommandReply } from '@hms/contracts';
import { waitFor } from '@hms/testing';

const BROKER_URL = 'amqp://guest:guest@127.0.0.1:5672';
const MANAGEMENT_URL = 'http://127.0.0.1:15672/api';
const MANAGEMENT_AUTH = `Basic ${Buffer.from('guest:guest').toString('base64')}`;

export interface ReceivedNotice {
  readonly kind: string;
  readonly address: string;
  readonly [field: string]: unknown;
}

/**
 * Plays the controller on the real broker for one test namespace: sends
 * commands over RPC and hears every notice.
 */
export class BrokerClient {
  readonly notices: ReceivedNotice[] = [];
  private readonly topology: AmqpTopology;
  private connection?: AmqpConnection;

  constructor(private readonly namespace: string) {
    this.topology = amqpTopology(namespace);
  }

  async connect(): Promise<void> {
    this.connection = new AmqpConnection({
      uri: BROKER_URL,
      exchanges: amqpExchanges(this.namespace),
      connectionInitOptions: { wait: true, timeout: 10_000 },
      logger: new ConsoleLogger({ logLevels: ['error'] }),
    });
    await this.connection.init();

    await this.connection.createSubscriber<ReceivedNotice>(
      async (notice) => {
        if (notice !== undefined) {
          this.notices.push(notice);
        }
      },
      {
        exchange: this.topology.notices,
        routingKey: '#',
        queueOptions: { exclusive: true, autoDelete: true },
      },
      'test-notices',
    );
  }

  /** A unicast command to the manager of `address`; `payload` may be raw bytes. */
  command(
    address: string,
    payload: object | Buffer,
    timeoutMs = 5000,
  ): Promise<CommandReply> {
    return this.live.request<CommandReply>({
      exchange: this.topology.commands,
      routingKey: address,
      payload,
      timeout: timeoutMs,
    });
  }

  /** A fanout command, answered by every manager of the namespace. */
  broadcast(payload: object, timeoutMs = 5000): Promise<CommandReply> {
    return this.live.request<CommandReply>({
      exchange: this.topology.broadcast,
      routingKey: '',
      payload,
      timeout: timeoutMs,
    });
  }

  noticesOf(kind: string): ReceivedNotice[] {
    return this.notices.filter((notice) => notice.kind === kind);
  }

  /**
   * Closes the broker connection named `connectionName`, as a broker restart
   * would. The management API lists a connection only after its first
   * statistics (a few seconds), hence the wait.
   */
  async dropConnection(connectionName: string): Promise<void> {
    const target = await waitFor(() => this.findConnection(connectionName), {
      timeoutMs: 15_000,
      what: `the broker to list connection "${connectionName}"`,
    });

    await fetch(`${MANAGEMENT_URL}/connections/${encodeURIComponent(target)}`, {
      method: 'DELETE',
      headers: { authorization: MANAGEMENT_AUTH },
    });
  }

  /** Deletes this namespace's exchanges (only the test's own) and disconnects. */
  async close(): Promise<void> {
    if (this.connection === undefined) {
      return;
    }

    const { commands, broadcast, notices } = this.topology;
    for (const exchange of [commands, broadcast, notices]) {
      await this.connection.channel.deleteExchange(exchange).catch(() => undefined);
    }
    await this.connection.close();
  }

  /** The broker's own name of the connection whose client named it `connectionName`. */
  private async findConnection(connectionName: string): Promise<string | undefined> {
    const response = await fetch(`${MANAGEMENT_URL}/connections`, {
      headers: { authorization: MANAGEMENT_AUTH },
    });
    const connections = (await response.json()) as {
      name: string;
      client_properties?: { connection_name?: string };
    }[];

    return connections.find(
      (connection) => connection.client_properties?.connection_name === connectionName,
    )?.name;
  }

  private get live(): AmqpConnection {
    if (this.connection === undefined) {
      throw new Error(`broker client of ${this.namespace} is not connected`);
    }

    return this.connection;
  }
}
