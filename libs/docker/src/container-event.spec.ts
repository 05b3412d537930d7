import { parseContainerEvent } from './container-event';

const ID = 'f'.repeat(64);

function engineEvent(action: string, attributes: Record<string, string> = {}) {
  return {
    Type: 'container',
    Action: action,
    Actor: { ID, Attributes: { name: 'web-1', image: 'hms/idle:latest', ...attributes } },
    time: 1700000000,
    timeNano: 1_700_000_000_123 * 1e6,
  };
}

describe('parseContainerEvent', () => {
  it('reads a kill with its signal and the time in ms', () => {
    const event = parseContainerEvent(engineEvent('kill', { signal: '15' }));

    expect(event).toMatchObject({
      id: ID,
      action: 'kill',
      name: 'web-1',
      signal: 15,
      timeMs: 1700000000123,
    });
  });

  it('reads a die with its exit code', () => {
    expect(parseContainerEvent(engineEvent('die', { exitCode: '143' }))).toMatchObject({
      action: 'die',
      exitCode: 143,
    });
  });

  it('splits a health status into action and status', () => {
    expect(parseContainerEvent(engineEvent('health_status: unhealthy'))).toMatchObject({
      action: 'health_status',
      healthStatus: 'unhealthy',
    });
  });

  it('drops the command from exec events', () => {
    expect(parseContainerEvent(engineEvent('exec_start: sh -c ping'))?.action).toBe(
      'exec_start',
    );
  });

  it('keeps labels among the attributes', () => {
    const event = parseContainerEvent(engineEvent('start', { 'hms.ignore': 'true' }));

    expect(event?.attributes['hms.ignore']).toBe('true');
  });

  it('falls back to the seconds field of older engines', () => {
    const old: Record<string, unknown> = engineEvent('stop');
    delete old['timeNano'];

    expect(parseContainerEvent(old)?.timeMs).toBe(1700000000000);
  });

  it.each([
    [{ ...engineEvent('create'), Type: 'network' }],
    [{ Type: 'container', Action: 'start' }],
    ['start'],
    [null],
  ])('ignores what is not a container event: %j', (raw) => {
    expect(parseContainerEvent(raw)).toBeUndefined();
  });
});
