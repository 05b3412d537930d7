import { waitFor } from '@hms/testing';

import { ADDRESS, LOW_LOW, useAntagonist } from './support/antagonist-harness';

describe('antagonist commands over the real broker', () => {
  const { broker, antagonist } = useAntagonist();

  it.each([
    ['loss above 100', { ...LOW_LOW, loss: 101 }, 'loss must not be greater than 100'],
    ['a negative heavy', { ...LOW_LOW, heavy: -5 }, 'heavy must not be less than 0'],
    [
      'a period of 0',
      { ...LOW_LOW, frequency: 0 },
      'frequency must not be less than 0.05',
    ],
    ['balance as text', { ...LOW_LOW, balance: 'half' }, 'balance must be a number'],
    ['no name', { ...LOW_LOW, name: undefined }, 'name must be a string'],
    [
      'an unknown field',
      { ...LOW_LOW, victim: 'all' },
      'property victim should not exist',
    ],
  ])('answers error to conf_antagonist with %s', async (_case, settings, reason) => {
    const reply = await broker.conf(settings);

    expect(reply).toEqual({
      command: 'error',
      address: ADDRESS,
      reason: expect.stringContaining(reason),
      code: 'INVALID_COMMAND',
    });
  });

  it('answers error to a body that is not JSON', async () => {
    const reply = await broker.command(Buffer.from('give me your containers'));

    expect(reply.reason).toBe('message body must be a JSON object');
  });

  it('refuses to start before it was configured, and changes nothing', async () => {
    const reply = await broker.start();

    expect(reply.command).toBe('error');
    expect(reply.code).toBe('CONFLICT');
    expect(reply.reason).toContain('send conf_antagonist first');
  });

  it('accepts the report settings, then start and stop', async () => {
    expect(await broker.conf(LOW_LOW)).toEqual({ command: 'ok', address: ADDRESS });
    expect(await broker.start()).toEqual({ command: 'ok', address: ADDRESS });
    expect(await broker.stop()).toEqual({ command: 'ok', address: ADDRESS });

    // The reply can overtake the log line on the child's stdout: wait for it.
    await waitFor(() => antagonist.log.includes('campaign test_low_low stopped'), {
      what: 'the antagonist to log that the campaign stopped',
      timeoutMs: 5_000,
    });
    expect(antagonist.log).toContain('campaign test_low_low started');
  });
});
