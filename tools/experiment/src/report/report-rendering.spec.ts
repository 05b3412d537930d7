import { REPORT_SCENARIOS } from '@hms/contracts';

import { availabilityChart } from './charts';
import { ExperimentResult, RunResult } from './experiment-result';
import { renderMarkdown } from './markdown-report';
import { escapeXml, niceCeiling, renderBarChart } from './svg-bar-chart';

function run(scenarioIndex: number, monitor: boolean, availability: number): RunResult {
  return {
    scenario: REPORT_SCENARIOS[scenarioIndex],
    monitor,
    windowMs: monitor ? 1000 : null,
    seconds: 40,
    containers: 5,
    availability,
    ceiling: 99,
    containerAvailability: availability,
    samples: 200,
    stopAttacks: 3,
    lossAttacks: 1,
    lossHealedByRestart: 1,
    restarts: monitor ? 4 : 0,
    recovery: {
      attacks: 3,
      recovered: monitor ? 3 : 0,
      medianMs: monitor ? 800 : null,
      p95Ms: monitor ? 1200 : null,
      medianRatio: monitor ? 2 : null,
      p95Ratio: monitor ? 3 : null,
    },
    messagesPerMinute: 60,
    kilobytesPerMinute: 12.5,
    countedMessagesPerMinute: 40,
  };
}

const RESULT: ExperimentResult = {
  startedAt: '2025-03-01T12:00:00.000Z',
  finishedAt: '2025-03-01T12:15:00.000Z',
  command: 'npx nx run experiment:run',
  machine: { cpus: 2, kernel: '6.1.0', node: 'v20.0.0' },
  options: {
    scenarioSeconds: 40,
    containers: 5,
    windowsMs: [1000],
    scenarios: ['test_low_low'],
    withoutMonitor: true,
    seed: 1,
    managerEnv: { HMS_RESTART_BACKOFF_BASE_MS: '0' },
    quick: false,
  },
  engineFloor: { startsMs: [390, 400, 410], medianMs: 400 },
  runs: [run(0, true, 97.5), run(0, false, 12.5)],
};

describe('the Markdown report', () => {
  it('lists every run with its recovery as a multiple of the floor', () => {
    const markdown = renderMarkdown(RESULT);

    expect(markdown).toContain('a bare `docker start` of an idle container takes 400 ms');
    expect(markdown).toContain('manager with HMS_RESTART_BACKOFF_BASE_MS=0.');
    expect(markdown).toContain(
      '| test_low_low | window 1 s | 97.5% | 99.0% | 97.5% | 3 | 3 | 800 ms (2.0×) | 1200 ms (3.0×) | 1 | 1 | 4 | 60.0 | 12.5 | 40.0 |',
    );
    expect(markdown).toContain('| test_low_low | no monitor | 12.5% |');
    expect(markdown).toContain('| test_low_low | window 1 s: 97.5% | 12.5% | 99.0% |');
  });
});

describe('a baseline healed by something else', () => {
  it('is flagged in the report', () => {
    const healed = { ...run(0, false, 60), restarts: 3 };
    const markdown = renderMarkdown({ ...RESULT, runs: [run(0, true, 97.5), healed] });

    expect(markdown).toContain(
      '**Warning, test_low_low without monitor:** containers were restarted although no monitor ran',
    );
    expect(renderMarkdown(RESULT)).not.toContain('Warning');
  });
});

describe('the SVG bar chart', () => {
  it('draws a bar per platform and scenario, and the ceiling, with their values', () => {
    const chart = availabilityChart(RESULT);
    const svg = renderBarChart(chart);

    expect(chart.groups).toEqual(['test_low_low']);
    expect(chart.series.map((series) => series.name)).toEqual([
      'window 1 s',
      'no monitor',
      'ceiling',
    ]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<rect x=/g)).toHaveLength(3 + 3); // three bars, three legend keys
    expect(svg).toContain('>97.5<');
    expect(svg).toContain('>12.5<');
    expect(svg).toContain('>99<');
  });

  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(130)).toBe(200);
    expect(niceCeiling(0.4)).toBe(0.5);
  });

  it('escapes text', () => {
    expect(escapeXml('a<b & "c"')).toBe('a&lt;b &amp; &quot;c&quot;');
  });
});
