import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
import { Global, INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';

import { HealthModule } from './health.module';
import { BrokerConnection } from './health.service';

/** Stands in for AmqpConnection; only its `connected` state matters to health. */
class FakeBrokerConnection implements BrokerConnection {
  state: boolean | Error = true;

  get connected(): boolean {
    if (this.state instanceof Error) {
      throw this.state;
    }

    return this.state;
  }
}

const broker = new FakeBrokerConnection();

/** Provides the connection globally, as the app's RabbitMQ registration does. */
@Global()
@Module({
  providers: [{ provide: AmqpConnection, useValue: broker }],
  exports: [AmqpConnection],
})
class FakeBrokerModule {}

const T0 = Date.parse('2025-03-01T12:00:00Z');

describe('GET /health', () => {
  let app: INestApplication;
  let now: jest.SpyInstance<number, []>;

  beforeAll(async () => {
    now = jest.spyOn(Date, 'now').mockReturnValue(T0);

    const moduleRef = await Test.createTestingModule({
      imports: [FakeBrokerModule, HealthModule],
    }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    now.mockRestore();
  });

  it('answers 200 ok with the uptime while the broker is connected', async () => {
    broker.state = true;
    now.mockReturnValue(T0 + 90_500);

    const response = await request(app.getHttpServer()).get('/health').expect(200);

    expect(response.body).toEqual({
      status: 'ok',
      broker: 'connected',
      uptimeSeconds: 90,
    });
  });

  it('answers 503 degraded while the broker is disconnected', async () => {
    broker.state = false;

    const response = await request(app.getHttpServer()).get('/health').expect(503);

    expect(response.body).toMatchObject({ status: 'degraded', broker: 'disconnected' });
  });

  it('answers 503 before the connection manager exists', async () => {
    broker.state = new TypeError(
      "Cannot read properties of undefined (reading 'isConnected')",
    );

    await request(app.getHttpServer()).get('/health').expect(503);
  });
});
