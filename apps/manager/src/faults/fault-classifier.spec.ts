import { FaultCause } from '@hms/contracts';

import { eventOf, snapshotOf } from '../../test/fixtures/containers';
import { classifyFault } from './fault-classifier';

const ID = 'c'.repeat(64);
const kill = (signal: number) => eventOf(ID, 'kill', { signal });
const die = (exitCode: number) => eventOf(ID, 'die', { exitCode });
const stop = eventOf(ID, 'stop');
const oom = eventOf(ID, 'oom');
const unhealthy = eventOf(ID, 'health_status', { healthStatus: 'unhealthy' });
const healthy = eventOf(ID, 'health_status', { healthStatus: 'healthy' });

const exited = (exitCode: number, oomKilled = false) =>
  snapshotOf({ id: ID, state: 'exited', exitCode, oomKilled, pid: 0 });
const running = (health?: 'healthy' | 'unhealthy') =>
  snapshotOf({ id: ID, state: 'running', ...(health && { health }) });

describe('classifyFault', () => {
  it.each([
    [
      'docker stop',
      [kill(15), die(143), stop],
      exited(143),
      'stopped',
      'exit 143 after SIGTERM',
    ],
    [
      'docker stop of a process ignoring SIGTERM',
      [kill(15), kill(9), die(137), stop],
      exited(137),
      'stopped',
      'exit 137 after SIGTERM, SIGKILL',
    ],
    ['docker kill', [kill(9), die(137)], exited(137), 'killed', 'exit 137 after SIGKILL'],
    [
      'docker kill --signal TERM',
      [kill(15), die(0)],
      exited(0),
      'killed',
      'exit 0 after SIGTERM',
    ],
    ['a crash', [die(1)], exited(1), 'crashed', 'exit 1, no signal sent'],
    [
      'a crash with exit 137',
      [die(137)],
      exited(137),
      'crashed',
      'exit 137, no signal sent',
    ],
    ['the OOM killer', [oom, die(137)], exited(137), 'oom', 'OOM-killed, exit 137'],
    [
      'OOMKilled without its event',
      [die(137)],
      exited(137, true),
      'oom',
      'OOM-killed, exit 137',
    ],
    [
      'an unhealthy HEALTHCHECK',
      [unhealthy],
      running('unhealthy'),
      'unhealthy',
      undefined,
    ],
    [
      'an exited container whose events were missed',
      [],
      exited(143),
      'crashed',
      'found exited (exit 143); its events were missed',
    ],
  ])('classifies %s', (_case, events, facts, cause, detail) => {
    const fault = classifyFault(events, facts);

    expect(fault?.cause).toBe(cause);
    if (detail !== undefined) {
      expect(fault?.detail).toBe(detail);
    }
  });

  it('tells a docker kill from the OOM killer although both exit 137', () => {
    const killed = classifyFault([kill(9), die(137)], exited(137));
    const oomKilled = classifyFault([oom, die(137)], exited(137));

    expect(killed?.cause).toBe(FaultCause.Killed);
    expect(oomKilled?.cause).toBe(FaultCause.Oom);
  });

  it('finds no fault in a running, healthy container', () => {
    expect(classifyFault([], running())).toBeUndefined();
    expect(classifyFault([unhealthy, healthy], running('healthy'))).toBeUndefined();
  });

  it('finds no fault in a container that died but already runs again', () => {
    expect(classifyFault([kill(9), die(137)], running())).toBeUndefined();
  });

  it('finds no fault in a container that was created and never started', () => {
    expect(classifyFault([], snapshotOf({ state: 'created', pid: 0 }))).toBeUndefined();
  });
});
