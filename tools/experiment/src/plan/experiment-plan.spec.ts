import { DEFAULT_OPTIONS, QUICK_OPTIONS } from '../options/experiment-options';
import { describeRun, estimateSeconds, planRuns } from './experiment-plan';

describe('planRuns', () => {
  it('runs the four scenarios per window, then each once without monitor', () => {
    const runs = planRuns(DEFAULT_OPTIONS);

    expect(runs).toHaveLength(16);
    expect(runs.filter((run) => !run.monitor).map((run) => run.scenario.name)).toEqual([
      'test_low_low',
      'test_low_high',
      'test_high_low',
      'test_high_high',
    ]);
    expect(describeRun(runs[4])).toBe('test_low_low, window 1 s');
    expect(describeRun(runs[15])).toBe('test_high_high, no monitor');
  });

  it('fits the default in about 15 minutes and the quick mode in about 2', () => {
    expect(
      estimateSeconds(planRuns(DEFAULT_OPTIONS), DEFAULT_OPTIONS),
    ).toBeLessThanOrEqual(15 * 60);
    expect(estimateSeconds(planRuns(QUICK_OPTIONS), QUICK_OPTIONS)).toBeLessThanOrEqual(
      2.5 * 60,
    );
  });
});
