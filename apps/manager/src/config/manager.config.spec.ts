import { ConfigError } from '@hms/config';

import { loadManagerConfig } from './manager.config';

const REQUIRED = { HMS_HOST_ADDRESS: '10.0.0.5' };

describe('loadManagerConfig', () => {
  it('has the report defaults', () => {
    const config = loadManagerConfig(REQUIRED);

    expect(config).toMatchObject({
      amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
      namespace: 'hms',
      hostAddress: '10.0.0.5',
      dockerSocket: '/var/run/docker.sock',
      threshold: 25,
      probeCount: 20,
      probeIntervalMs: 10,
      probeTimeoutMs: 100,
      probeConcurrency: 32,
      ignoreLabel: 'hms.ignore',
      logFormat: 'text',
    });
    expect(config.scopeLabel).toBeUndefined();
  });

  it('reads every variable it is given', () => {
    const config = loadManagerConfig({
      ...REQUIRED,
      HMS_NAMESPACE: 'test-1a2b',
      HMS_THRESHOLD: '40',
      HMS_SCOPE_LABEL: 'hms.test=1a2b',
      HMS_DOCKER_SOCKET: 'unix:///run/docker-vm1.sock',
      HMS_LOG_FORMAT: 'json',
      HMS_EXPECTED_ENGINE_ID: '2b0b5a6e-3c1f-4f2e-9d7a-8e1c0f4b6a21',
      HMS_EXPECTED_ENGINE_ROOT: '/var/lib/docker',
    });

    expect(config).toMatchObject({
      namespace: 'test-1a2b',
      threshold: 40,
      scopeLabel: 'hms.test=1a2b',
      dockerSocket: 'unix:///run/docker-vm1.sock',
      logFormat: 'json',
      expectedEngineId: '2b0b5a6e-3c1f-4f2e-9d7a-8e1c0f4b6a21',
      expectedEngineRoot: '/var/lib/docker',
    });
  });

  it('refuses an expected engine that docker info could not show', () => {
    const load = () =>
      loadManagerConfig({
        ...REQUIRED,
        HMS_EXPECTED_ENGINE_ID: 'an engine',
        HMS_EXPECTED_ENGINE_ROOT: 'docker',
      });

    expect(captureProblems(load)).toEqual([
      expect.stringContaining('HMS_EXPECTED_ENGINE_ID'),
      expect.stringContaining('HMS_EXPECTED_ENGINE_ROOT'),
    ]);
  });

  it('lists every bad variable at once, with the AMQP password masked', () => {
    const load = () =>
      loadManagerConfig({
        HMS_HOST_ADDRESS: '10.0.0.300',
        HMS_THRESHOLD: '150',
        HMS_PROBE_COUNT: 'many',
        HMS_SCOPE_LABEL: 'no-value',
        HMS_AMQP_URL: 'http://hms:s3cret@broker',
        HMS_RESTART_BACKOFF_BASE_MS: '5000',
        HMS_RESTART_BACKOFF_MAX_MS: '1000',
      });

    const problems = captureProblems(load);

    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toEqual(
      expect.stringContaining('HMS_HOST_ADDRESS=10.0.0.300'),
    );
    for (const variable of [
      'HMS_THRESHOLD',
      'HMS_PROBE_COUNT',
      'HMS_SCOPE_LABEL',
      'HMS_AMQP_URL=http://hms:****@broker',
      'HMS_RESTART_BACKOFF_MAX_MS=1000: must not be less than HMS_RESTART_BACKOFF_BASE',
    ]) {
      expect(problems.some((problem) => problem.startsWith(variable))).toBe(true);
    }
  });
});

function captureProblems(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems;
    }
    throw error;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}
