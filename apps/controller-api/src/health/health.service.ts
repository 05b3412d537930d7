import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Injectable } from '@nestjs/common';

import { BrokerState, HealthResponseDto, HealthStatus } from './health-response.dto';

/** The one part of AmqpConnection health needs; tests pass a typed fake. */
export type BrokerConnection = Pick<AmqpConnection, 'connected'>;

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();

  constructor(private readonly amqp: AmqpConnection) {}

  check(): HealthResponseDto {
    const connected = isConnected(this.amqp);

    return {
      status: connected ? HealthStatus.Ok : HealthStatus.Degraded,
      broker: connected ? BrokerState.Connected : BrokerState.Disconnected,
      uptimeSeconds: Math.floor((Date.now() - this.startedAt) / 1000),
    };
  }
}

function isConnected(connection: BrokerConnection): boolean {
  try {
    return connection.connected;
  } catch {
    // The getter throws until the connection manager exists: not connected yet.
    return false;
  }
}
