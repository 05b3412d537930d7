import { ManagerExitedError, managerErrorIn } from './manager-start-failure';

describe('managerErrorIn', () => {
  it('quotes the last error line of a text log, without colours, pid or time', () => {
    const log = [
      '\u001b[32m[hms-manager] 7  - 12/04/2026, 7:50:01 PM     LOG\u001b[39m ' +
        '[NestFactory] Starting',
      '\u001b[31m[hms-manager] 7  - 12/04/2026, 7:50:02 PM   ERROR\u001b[39m ' +
        '[ManagerBootstrap] the manager could not start: wrong engine',
    ];

    expect(managerErrorIn(log)).toBe(
      'ERROR [ManagerBootstrap] the manager could not start: wrong engine',
    );
  });

  it('quotes a configuration error with the variables it lists', () => {
    const log = [
      'Configuration is invalid; fix these environment variables and start again:',
      '  - HMS_AMQP_URL=http://broker: must be an amqp:// or amqps:// URL',
    ];

    expect(managerErrorIn(log)).toBe(
      'Configuration is invalid; fix these environment variables and start again: ' +
        '- HMS_AMQP_URL=http://broker: must be an amqp:// or amqps:// URL',
    );
  });

  it('finds the error of a JSON log, or takes the last line, or nothing', () => {
    const json = '{"level":"error","context":"ManagerBootstrap","message":"no engine"}';

    expect(managerErrorIn(['{"level":"log","message":"Starting"}', json])).toBe(json);
    expect(managerErrorIn(['Killed', ''])).toBe('Killed');
    expect(managerErrorIn([])).toBeUndefined();
  });
});

describe('ManagerExitedError', () => {
  it('says the manager exited and quotes its error, or that it logged nothing', () => {
    expect(new ManagerExitedError(1, 'ERROR wrong engine').message).toBe(
      'the manager exited at start (exit code 1): "ERROR wrong engine"',
    );
    expect(new ManagerExitedError(137, undefined).message).toBe(
      'the manager exited at start (exit code 137) and logged nothing',
    );
  });
});
