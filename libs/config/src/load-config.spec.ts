import { IsInt, IsString, Max, Min } from 'class-validator';

import { ConfigError } from './config-error';
import { EnvSchema, loadConfig, maskUrlPassword } from './load-config';

class SampleConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  port = 3000;

  @IsString()
  url = 'amqp://guest:guest@127.0.0.1:5672';
}

const schema: EnvSchema<SampleConfig> = {
  port: { variable: 'SAMPLE_PORT', parse: 'number' },
  url: { variable: 'SAMPLE_URL' },
};

describe('loadConfig', () => {
  it('keeps the defaults when no variable is set', () => {
    const config = loadConfig(SampleConfig, schema, {});

    expect(config.port).toBe(3000);
    expect(config.url).toBe('amqp://guest:guest@127.0.0.1:5672');
  });

  it('reads and converts the variables that are set', () => {
    const config = loadConfig(SampleConfig, schema, { SAMPLE_PORT: '8080' });

    expect(config.port).toBe(8080);
  });

  it('lists every bad variable at once', () => {
    const load = () =>
      loadConfig(SampleConfig, schema, { SAMPLE_PORT: 'abc', SAMPLE_URL: '' });
    expect(load).toThrow(ConfigError);

    const error = captureError(() =>
      loadConfig(SampleConfig, schema, { SAMPLE_PORT: '70000' }),
    );

    expect(error.problems).toEqual([
      'SAMPLE_PORT=70000: port must not be greater than 65535',
    ]);
  });

  it('masks the password of a URL in its messages', () => {
    expect(maskUrlPassword('amqp://hms:s3cret@10.0.0.1:5672')).toBe(
      'amqp://hms:****@10.0.0.1:5672',
    );
  });
});

function captureError(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}
