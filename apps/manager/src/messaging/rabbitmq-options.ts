import {
  defaultNackErrorHandler,
  MessageHandlerOptions,
  RabbitMQConfig,
} from '@golevelup/nestjs-rabbitmq';

import {
  amqpExchanges,
  amqpTopology,
  managerBroadcastQueue,
  managerCommandQueue,
} from '@hms/contracts';

import { ManagerConfig } from '../config/manager.config';

/** Name under which the command queues' settings are registered for @RabbitRPC. */
export const MANAGER_COMMAND_HANDLER = 'hms-manager-commands';

/**
 * The broker topology a manager uses: the three exchanges of its namespace
 * and its two command queues (unicast by host address, and fanout), both
 * answered by one RPC handler.
 */
export function rabbitMqOptions(config: ManagerConfig): RabbitMQConfig {
  const topology = amqpTopology(config.namespace);

  return {
    uri: config.amqpUrl,
    exchanges: amqpExchanges(config.namespace),
    handlers: {
      [MANAGER_COMMAND_HANDLER]: [
        commandQueue({
          exchange: topology.commands,
          routingKey: config.hostAddress,
          queue: managerCommandQueue(config.namespace, config.hostAddress),
        }),
        commandQueue({
          exchange: topology.broadcast,
          // A fanout exchange ignores keys; '#' lets any key reach the handler.
          routingKey: '#',
          queue: managerBroadcastQueue(config.namespace, config.hostAddress),
        }),
      ],
    },
    enableDirectReplyTo: true,
    // The manager heals containers without a broker too: it connects in the
    // background and keeps retrying, re-declaring its queues on every connect.
    connectionInitOptions: { wait: false },
    connectionManagerOptions: {
      reconnectTimeInSeconds: 1,
      heartbeatIntervalInSeconds: 5,
      // Names the connection in the broker's management UI.
      connectionOptions: {
        clientProperties: { connection_name: connectionName(config) },
      },
    },
  };
}

/** How the broker shows this manager's connection: `hms-manager 10.0.0.5 (hms)`. */
export function connectionName(config: ManagerConfig): string {
  return `hms-manager ${config.hostAddress} (${config.namespace})`;
}

function commandQueue(
  binding: Required<Pick<MessageHandlerOptions, 'exchange' | 'routingKey' | 'queue'>>,
): MessageHandlerOptions {
  return {
    ...binding,
    // Commands are RPCs with a deadline: a queue outliving its manager would
    // only hand stale commands to the next one.
    queueOptions: { durable: false, autoDelete: true },
    // A body that is not JSON reaches the handler as text and gets an error reply.
    allowNonJsonMessages: true,
    // The handler never throws; if it ever did, requeueing would loop forever.
    errorHandler: defaultNackErrorHandler,
  };
}
