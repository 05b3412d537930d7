import { Module } from '@nestjs/common';

import { HealthController } from './health.controller';
import { HealthService } from './health.service';

/**
 * GET /health. Needs AmqpConnection from @golevelup/nestjs-rabbitmq to be
 * injectable here: the app registers RabbitMQModule globally.
 */
@Module({
  controllers: [HealthController],
  providers: [HealthService],
})
export class HealthModule {}
