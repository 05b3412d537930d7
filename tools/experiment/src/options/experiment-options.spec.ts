import { ExperimentError } from '../experiment-error';
import { DEFAULT_OPTIONS, parseOptions, QUICK_OPTIONS } from './experiment-options';

describe('parseOptions', () => {
  it('runs the full experiment by default', () => {
    expect(parseOptions([])).toEqual(DEFAULT_OPTIONS);
  });

  it('takes the quick preset, then the flags over it', () => {
    const options = parseOptions(['--quick', '--containers', '4']);

    expect(options).toEqual({ ...QUICK_OPTIONS, containers: 4 });
  });

  it('reads windows in seconds as milliseconds', () => {
    expect(parseOptions(['--windows', '0.1,1,2.5'])).toMatchObject({
      windowsMs: [100, 1000, 2500],
    });
  });

  it("runs only the scenarios named, in the report's order", () => {
    const options = parseOptions(['--scenarios', 'test_high_high,test_low_high']);
    const parse = () => parseOptions(['--scenarios', 'test_low_low,low_high']);

    expect(options).toMatchObject({ scenarios: ['test_low_high', 'test_high_high'] });
    expect(parse).toThrow(
      /--scenarios takes names among test_low_low, .*; not 'low_high'/,
    );
    expect(() => parseOptions(['--scenarios', ','])).toThrow(
      /--scenarios needs at least one/,
    );
  });

  it('skips the runs without monitor on request', () => {
    expect(parseOptions(['--no-baseline'])).toMatchObject({ withoutMonitor: false });
  });

  it('passes settings to the manager, but not those that isolate the run', () => {
    const options = parseOptions(['--manager-env', 'HMS_RESTART_BACKOFF_BASE_MS=0']);
    const parse = () => parseOptions(['--manager-env', 'HMS_NAMESPACE=hms']);

    expect(options).toMatchObject({ managerEnv: { HMS_RESTART_BACKOFF_BASE_MS: '0' } });
    expect(parse).toThrow(/--manager-env cannot set HMS_NAMESPACE: each run sets/);
    expect(() => parseOptions(['--manager-env', 'FOO'])).toThrow(
      /--manager-env takes HMS_NAME=value, e.g. HMS_THRESHOLD=40; not 'FOO'/,
    );
  });

  it('answers help', () => {
    expect(parseOptions(['--seconds', '9', '--help'])).toBe('help');
  });

  it('lists every bad flag at once, with the usage', () => {
    const parse = () =>
      parseOptions([
        '--seconds',
        '3',
        '--containers',
        'many',
        '--windows',
        '0.1,20',
        '--fast',
        '--out',
      ]);

    expect(parse).toThrow(ExperimentError);
    expect(parse).toThrow(/--seconds must be a whole number from 5 to 600, not '3'/);
    expect(parse).toThrow(/--containers must be a whole number from 1 to 20, not 'many'/);
    expect(parse).toThrow(
      /--windows must be up to 5 comma-separated seconds from 0 to 10/,
    );
    expect(parse).toThrow(/unknown option '--fast'/);
    expect(parse).toThrow(/--out needs a value/);
    expect(parse).toThrow(/Usage:/);
  });
});
