import { ConfigError } from '@hms/config';

import { loadControllerConfig } from './controller.config';

describe('loadControllerConfig', () => {
  it('starts from the documented defaults', () => {
    const config = loadControllerConfig({});

    expect(config).toEqual(
      expect.objectContaining({
        amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
        namespace: 'hms',
        httpHost: '127.0.0.1',
        httpPort: 3000,
        controllerAddress: 'controller',
        aggregationWindowMs: 500,
        rpcTimeoutMs: 3000,
        heartbeatIntervalMs: 2000,
        missedHeartbeats: 3,
        defaultThreshold: 25,
        historyDb: '/var/lib/hms/history.sqlite',
        historyRetentionDays: 30,
        historyMaxEvents: 100_000,
      }),
    );
  });

  it('reads every variable that is set', () => {
    const config = loadControllerConfig({
      HMS_NAMESPACE: 'test-abc',
      HMS_HTTP_PORT: '0',
      HMS_AGGREGATION_WINDOW_MS: '100',
      HMS_HISTORY_DB: ':memory:',
      HMS_HISTORY_MAX_EVENTS: '5000',
    });

    expect(config).toEqual(
      expect.objectContaining({
        namespace: 'test-abc',
        httpPort: 0,
        aggregationWindowMs: 100,
        historyDb: ':memory:',
        historyMaxEvents: 5000,
      }),
    );
  });

  it('lists every bad variable at once, with the password masked', () => {
    const load = () =>
      loadControllerConfig({
        HMS_AMQP_URL: 'http://guest:secret@example',
        HMS_HTTP_PORT: 'eighty',
        HMS_DEFAULT_THRESHOLD: '150',
        HMS_NAMESPACE: 'has space',
        HMS_HISTORY_MAX_EVENTS: '0',
      });

    expect(load).toThrow(ConfigError);
    expect(problemsOf(load)).toEqual([
      'HMS_HTTP_PORT=eighty: expected a number',
      'HMS_AMQP_URL=http://guest:****@example: amqpUrl must be an amqp:// or amqps:// URL',
      expect.stringMatching(/^HMS_NAMESPACE=has space: namespace must be/),
      'HMS_DEFAULT_THRESHOLD=150: defaultThreshold must not be greater than 100',
      'HMS_HISTORY_MAX_EVENTS=0: historyMaxEvents must not be less than 1',
    ]);
  });
});

function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    return (error as ConfigError).problems;
  }

  return [];
}
