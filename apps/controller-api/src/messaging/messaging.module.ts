import { RabbitMQModule } from '@golevelup/nestjs-rabbitmq';
import { DynamicModule, Global, Module } from '@nestjs/common';

import { ControllerConfig } from '../config/controller.config';
import { MetricsModule } from '../metrics/metrics.module';
import { CommandClient } from './command-client.service';
import { rabbitMqOptions } from './rabbitmq-options';
import { ReplyQueue } from './reply-queue.service';

/**
 * The broker connection and the command client. Global, so AmqpConnection is
 * injectable everywhere (the health check reads it) and every part sends
 * commands through the one client that counts them.
 */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(config: ControllerConfig): DynamicModule {
    const rabbitMq = RabbitMQModule.forRoot(rabbitMqOptions(config));

    return {
      module: MessagingModule,
      imports: [rabbitMq, MetricsModule],
      providers: [ReplyQueue, CommandClient],
      exports: [rabbitMq, CommandClient],
    };
  }
}
