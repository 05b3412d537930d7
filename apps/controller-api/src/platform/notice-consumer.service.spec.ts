import { AmqpConnection, Nack } from '@golevelup/nestjs-rabbitmq';
import type { ConsumeMessage } from 'amqplib';

import { ControllerConfig } from '../config/controller.config';
import { MetricsService } from '../metrics/metrics.service';
import { HostRegistryService } from './host-registry.service';
import { NoticeConsumer } from './notice-consumer.service';
import { PlatformStateService } from './platform-state.service';

const HEARTBEAT = {
  kind: 'heartbeat',
  address: '10.0.0.1',
  protocol: 1,
  revision: 3,
  threshold: 25,
  containerCount: 2,
  acting: true,
  startedAt: '2026-01-01T00:00:00.000Z',
};

/** The parts of an amqplib message the consumer reads. */
function raw(body: unknown): ConsumeMessage {
  const content = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));

  return { content, fields: { routingKey: 'heartbeat.10.0.0.1' } } as ConsumeMessage;
}

describe('NoticeConsumer', () => {
  let registry: { onHeartbeat: jest.Mock; onAnnounce: jest.Mock };
  let metrics: { countMessage: jest.Mock };
  let state: { find: jest.Mock };
  let sut: NoticeConsumer;

  beforeEach(() => {
    registry = { onHeartbeat: jest.fn(), onAnnounce: jest.fn() };
    metrics = { countMessage: jest.fn() };
    state = {
      find: jest.fn((address: string) => (address === '10.0.0.1' ? {} : undefined)),
    };
    sut = new NoticeConsumer(
      {} as AmqpConnection,
      new ControllerConfig(),
      registry as unknown as HostRegistryService,
      state as unknown as PlatformStateService,
      metrics as unknown as MetricsService,
    );
  });

  it('hands a valid notice to the registry and counts its bytes', async () => {
    const message = raw(HEARTBEAT);

    const outcome = await sut.handle(HEARTBEAT, message);

    expect(outcome).toBeUndefined();
    expect(registry.onHeartbeat).toHaveBeenCalledWith(
      expect.objectContaining({ address: '10.0.0.1', revision: 3 }),
    );
    expect(metrics.countMessage).toHaveBeenCalledWith(
      '10.0.0.1',
      'in',
      message.content.length,
    );
  });

  it('does not count the traffic of a host the platform does not hold', async () => {
    const stranger = { ...HEARTBEAT, address: '10.0.0.9' };

    await sut.handle(stranger, raw(stranger));

    expect(registry.onHeartbeat).toHaveBeenCalled();
    expect(metrics.countMessage).not.toHaveBeenCalled();
  });

  it.each([
    ['text that is not JSON', 'not json'],
    ['an unknown kind', { ...HEARTBEAT, kind: 'reboot' }],
    ['a heartbeat missing fields', { kind: 'heartbeat', address: '10.0.0.1' }],
    ['an unknown field', { ...HEARTBEAT, extra: 1 }],
  ])('drops %s without requeueing it', async (_, body) => {
    const outcome = await sut.handle(body, raw(body));

    expect(outcome).toBeInstanceOf(Nack);
    expect((outcome as Nack).requeue).toBe(false);
    expect(registry.onHeartbeat).not.toHaveBeenCalled();
  });

  it('drops a notice whose handling failed, instead of crashing or looping', async () => {
    registry.onHeartbeat.mockImplementation(() => {
      throw new Error('boom');
    });

    const outcome = await sut.handle(HEARTBEAT, raw(HEARTBEAT));

    expect((outcome as Nack).requeue).toBe(false);
  });
});
