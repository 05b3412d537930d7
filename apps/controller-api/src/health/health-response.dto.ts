import { ApiProperty } from '@nestjs/swagger';

export const HealthStatus = { Ok: 'ok', Degraded: 'degraded' } as const;

export type HealthStatus = (typeof HealthStatus)[keyof typeof HealthStatus];

export const BrokerState = {
  Connected: 'connected',
  Disconnected: 'disconnected',
} as const;

export type BrokerState = (typeof BrokerState)[keyof typeof BrokerState];

/** GET /health: whether the controller can reach its managers through the broker. */
export class HealthResponseDto {
  @ApiProperty({
    enum: Object.values(HealthStatus),
    description: '`ok` when the controller can talk to the broker, `degraded` when not',
  })
  status!: HealthStatus;

  @ApiProperty({ enum: Object.values(BrokerState), description: 'The AMQP connection' })
  broker!: BrokerState;

  @ApiProperty({ description: 'Seconds since the controller started', example: 3600 })
  uptimeSeconds!: number;
}
