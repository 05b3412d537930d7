import { RabbitRPC } from '@golevelup/nestjs-rabbitmq';
import { Injectable } from '@nestjs/common';

import type { CommandReply } from '@hms/contracts';

import { CommandDispatcher } from './command-dispatcher';
import { MANAGER_COMMAND_HANDLER } from './rabbitmq-options';

/**
 * Answers the unicast and fanout command queues over RabbitMQ RPC: the reply
 * goes to the request's replyTo with its correlationId.
 */
@Injectable()
export class CommandConsumer {
  constructor(private readonly dispatcher: CommandDispatcher) {}

  @RabbitRPC({ name: MANAGER_COMMAND_HANDLER })
  handle(message: unknown): CommandReply {
    return this.dispatcher.dispatch(message);
  }
}
