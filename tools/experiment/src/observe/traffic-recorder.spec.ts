import { steppedRatePerMinute } from './traffic-recorder';

describe('steppedRatePerMinute', () => {
  it('measures between the first and last refresh of a stepped counter', () => {
    // A counter refreshed every 5 s, read every second: 12 per 5 s = 144 per minute.
    const series = Array.from({ length: 31 }, (_, second) => ({
      at: second * 1000,
      value: Math.floor((second + 3) / 5) * 12,
    }));

    expect(steppedRatePerMinute(series)).toBe(144);
  });

  it('falls back to the whole span when the counter stepped less than twice', () => {
    const series = [
      { at: 0, value: 0 },
      { at: 30_000, value: 0 },
      { at: 60_000, value: 4 },
    ];

    expect(steppedRatePerMinute(series)).toBe(4);
  });

  it('is zero without samples or traffic', () => {
    expect(steppedRatePerMinute([])).toBe(0);
    expect(
      steppedRatePerMinute([
        { at: 0, value: 3 },
        { at: 60_000, value: 3 },
      ]),
    ).toBe(0);
  });
});
