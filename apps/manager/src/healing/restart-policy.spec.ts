import { FaultCause } from '@hms/contracts';

import { RestartPolicy } from './restart-policy';

describe('RestartPolicy', () => {
  const options = { baseMs: 1000, maxMs: 8000, resetAfterMs: 30_000 };

  function failRepeatedly(policy: RestartPolicy, times: number, startMs = 0): number[] {
    const delays: number[] = [];
    let now = startMs;

    for (let attempt = 0; attempt < times; attempt += 1) {
      const { delayMs } = policy.delayFor('web-1', now);
      delays.push(delayMs);
      now += delayMs;
      policy.recordRestart('web-1', now);
      now += 100; // fails again shortly after each restart
    }

    return delays;
  }

  it('restarts at once, then doubles from base up to max', () => {
    const sut = new RestartPolicy(options);

    expect(failRepeatedly(sut, 7)).toEqual([0, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('counts the failures that led to the delay', () => {
    const sut = new RestartPolicy(options);
    failRepeatedly(sut, 4);

    expect(sut.delayFor('web-1', 15_000)).toEqual({ delayMs: 8000, failures: 4 });
  });

  it('starts afresh once the container stayed up long enough', () => {
    const sut = new RestartPolicy(options);
    failRepeatedly(sut, 3);

    expect(sut.delayFor('web-1', 3_400 + 30_000).delayMs).toBe(0);
  });

  it('ends a packet-loss streak once a probe finds the container answering', () => {
    const sut = new RestartPolicy(options);
    sut.recordRestart('web-1', 0, FaultCause.PacketLoss);
    sut.recordRestart('web-1', 1000, FaultCause.PacketLoss);

    sut.probePassed('web-1');

    expect(sut.delayFor('web-1', 2000)).toEqual({ delayMs: 0, failures: 0 });
  });

  it('keeps a crash streak when a probe passes: answering pings is no proof the crash is gone', () => {
    const sut = new RestartPolicy(options);
    sut.recordRestart('web-1', 0, FaultCause.Crashed);

    sut.probePassed('web-1');

    expect(sut.delayFor('web-1', 500)).toEqual({ delayMs: 1000, failures: 1 });
  });

  it('keeps a separate streak per container', () => {
    const sut = new RestartPolicy(options);
    failRepeatedly(sut, 3);

    expect(sut.delayFor('web-2', 0).delayMs).toBe(0);
  });

  it('forgets a removed container', () => {
    const sut = new RestartPolicy(options);
    failRepeatedly(sut, 3);

    sut.forget('web-1');

    expect(sut.delayFor('web-1', 4000).delayMs).toBe(0);
  });
});
