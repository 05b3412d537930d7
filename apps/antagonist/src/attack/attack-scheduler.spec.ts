import { AttackScheduler, ScheduleOptions } from './attack-scheduler';

describe('AttackScheduler', () => {
  let scheduler: AttackScheduler;

  beforeEach(() => {
    jest.useFakeTimers();
    scheduler = new AttackScheduler();
  });

  afterEach(() => {
    scheduler.stop();
    jest.useRealTimers();
  });

  function options(overrides: Partial<ScheduleOptions> = {}): ScheduleOptions {
    return {
      periodMs: 100,
      maxRunMs: 60_000,
      onTick: jest.fn(),
      onExpired: jest.fn(),
      ...overrides,
    };
  }

  it('ticks once per period, the first one a period after the start', () => {
    const schedule = options();

    scheduler.start(schedule);
    jest.advanceTimersByTime(99);
    expect(schedule.onTick).not.toHaveBeenCalled();

    jest.advanceTimersByTime(1_001);

    expect(schedule.onTick).toHaveBeenCalledTimes(11);
  });

  it('stops ticking when stopped', () => {
    const schedule = options();
    scheduler.start(schedule);
    jest.advanceTimersByTime(250);

    scheduler.stop();
    jest.advanceTimersByTime(1_000);

    expect(schedule.onTick).toHaveBeenCalledTimes(2);
    expect(scheduler.running).toBe(false);
    expect(schedule.onExpired).not.toHaveBeenCalled();
  });

  it('ends by itself after the maximum run time', () => {
    const schedule = options({ periodMs: 1_000, maxRunMs: 5_500 });

    scheduler.start(schedule);
    jest.advanceTimersByTime(60_000);

    expect(schedule.onTick).toHaveBeenCalledTimes(5);
    expect(schedule.onExpired).toHaveBeenCalledTimes(1);
    expect(scheduler.running).toBe(false);
  });

  it('skips ticks that fell due while a tick blocked, instead of bursting', () => {
    let calls = 0;
    const schedule = options({
      onTick: () => {
        calls += 1;
        if (calls === 1) {
          jest.setSystemTime(Date.now() + 450); // the first tick blocks for 4.5 periods
        }
      },
    });

    scheduler.start(schedule);
    jest.advanceTimersByTime(100);
    expect(calls).toBe(1);

    jest.advanceTimersByTime(50);

    expect(calls).toBe(2); // due at 600 ms on the cadence, not at 200, 300, 400, 500
    expect(scheduler.tickCount).toBe(2);
  });

  it('restarts the cadence on a new start', () => {
    const first = options();
    const second = options({ periodMs: 500 });

    scheduler.start(first);
    jest.advanceTimersByTime(300);
    scheduler.start(second);
    jest.advanceTimersByTime(1_000);

    expect(first.onTick).toHaveBeenCalledTimes(3);
    expect(second.onTick).toHaveBeenCalledTimes(2);
  });
});
