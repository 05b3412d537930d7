import { RabbitMQConfig } from '@golevelup/nestjs-rabbitmq';
import { amqpExchanges } from '@hms/contracts';

import { ControllerConfig } from '../config/controller.config';

/** How long start-up waits for the broker before giving up with a clear error. */
const BROKER_CONNECT_TIMEOUT_MS = 10_000;

/**
 * The controller's broker connection: the three exchanges of the namespace,
 * declared here as the managers declare them. Replies come to a queue of the
 * controller's own (ReplyQueue), so golevelup's direct reply-to is not used.
 */
export function rabbitMqOptions(config: ControllerConfig): RabbitMQConfig {
  return {
    uri: config.amqpUrl,
    exchanges: amqpExchanges(config.namespace),
    enableDirectReplyTo: false,
    connectionInitOptions: {
      wait: true,
      timeout: BROKER_CONNECT_TIMEOUT_MS,
      reject: true,
    },
    connectionManagerOptions: {
      heartbeatIntervalInSeconds: 5,
      reconnectTimeInSeconds: 1,
    },
  };
}
