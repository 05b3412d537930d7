import { ConfigError } from '@hms/config';

import { loadAntagonistConfig } from './antagonist-config';

describe('loadAntagonistConfig', () => {
  it('reads a complete environment', () => {
    const config = loadAntagonistConfig({
      HMS_HOST_ADDRESS: '10.0.0.5',
      HMS_NAMESPACE: 'test-1a2b',
      HMS_SCOPE_LABEL: 'hms.test=1a2b',
      HMS_ANTAGONIST_SEED: '42',
    });

    expect(config).toMatchObject({
      hostAddress: '10.0.0.5',
      namespace: 'test-1a2b',
      scopeLabel: 'hms.test=1a2b',
      seed: 42,
      maxRunSeconds: 7200,
    });
  });

  it('names the host by its first external IPv4 unless told otherwise', () => {
    const config = loadAntagonistConfig({});

    expect(config.hostAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('lists every bad variable at once', () => {
    const load = () =>
      loadAntagonistConfig({
        HMS_HOST_ADDRESS: 'host-5',
        HMS_SCOPE_LABEL: 'no-equals-sign',
        HMS_ANTAGONIST_SEED: '-1',
        HMS_NAMESPACE: 'bad namespace',
        HMS_AMQP_URL: 'http://user:secret@broker',
      });

    expect(load).toThrow(ConfigError);
    const problems = captureProblems(load);

    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toContain(
      'HMS_HOST_ADDRESS=host-5: must be the IPv4 address',
    );
    expect(problems.join('\n')).toContain(
      'HMS_SCOPE_LABEL=no-equals-sign: must be key=value',
    );
    expect(problems.join('\n')).toContain('HMS_ANTAGONIST_SEED=-1');
    expect(problems.join('\n')).toContain('HMS_AMQP_URL=http://user:****@broker');
  });
});

function captureProblems(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}
