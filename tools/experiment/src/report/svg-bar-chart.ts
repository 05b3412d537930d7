/** A grouped bar chart: one group per scenario, one bar per series within it. */
export interface BarChart {
  readonly title: string;
  readonly yLabel: string;

  /** Top of the y axis; the largest value (rounded up) when unset. */
  readonly yMax?: number;
  readonly groups: readonly string[];
  readonly series: readonly {
    readonly name: string;
    readonly values: readonly (number | null)[];
  }[];
}

const WIDTH = 820;
const HEIGHT = 440;
const MARGIN = { top: 50, right: 170, bottom: 60, left: 70 };
const GRID_LINES = 5;
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#d62728', '#8c564b'];

/** Renders the chart as a standalone SVG document (no script, no external resources). */
export function renderBarChart(chart: BarChart): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const yMax = chart.yMax ?? niceCeiling(largestValue(chart));
  const y = (value: number) => MARGIN.top + plotHeight * (1 - value / yMax);

  const groupWidth = plotWidth / Math.max(chart.groups.length, 1);
  const barWidth = (groupWidth * 0.8) / Math.max(chart.series.length, 1);

  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    text(WIDTH / 2, 24, chart.title, 'middle', 16),
    ...gridLines(yMax, y, plotWidth),
    axisLabel(chart.yLabel, plotHeight),
    ...chart.groups.map((group, index) =>
      text(
        MARGIN.left + groupWidth * (index + 0.5),
        HEIGHT - MARGIN.bottom + 20,
        group,
        'middle',
      ),
    ),
    ...chart.series.flatMap((series, seriesIndex) =>
      series.values.flatMap((value, groupIndex) => {
        if (value === null) {
          return [];
        }
        const x = MARGIN.left + groupWidth * (groupIndex + 0.1) + barWidth * seriesIndex;
        const top = y(Math.min(value, yMax));

        return [
          `<rect x="${fixed(x)}" y="${fixed(top)}" width="${fixed(barWidth - 2)}" height="${fixed(y(0) - top)}" fill="${color(seriesIndex)}"/>`,
          text(x + barWidth / 2, top - 4, formatValue(value), 'middle', 9),
        ];
      }),
    ),
    ...legend(chart),
    '</svg>',
  ];

  return `${parts.join('\n')}\n`;
}

function gridLines(
  yMax: number,
  y: (value: number) => number,
  plotWidth: number,
): string[] {
  return Array.from({ length: GRID_LINES + 1 }, (_, step) => {
    const value = (yMax * step) / GRID_LINES;
    const top = fixed(y(value));

    return [
      `<line x1="${MARGIN.left}" y1="${top}" x2="${MARGIN.left + plotWidth}" y2="${top}" stroke="#ddd"/>`,
      text(MARGIN.left - 6, y(value) + 4, formatValue(value), 'end'),
    ].join('\n');
  });
}

function axisLabel(label: string, plotHeight: number): string {
  const x = 18;
  const y = MARGIN.top + plotHeight / 2;

  return `<text x="${x}" y="${y}" text-anchor="middle" transform="rotate(-90 ${x} ${y})">${escapeXml(label)}</text>`;
}

function legend(chart: BarChart): string[] {
  const left = WIDTH - MARGIN.right + 16;

  return chart.series.map((series, index) => {
    const top = MARGIN.top + index * 20;

    return [
      `<rect x="${left}" y="${top}" width="12" height="12" fill="${color(index)}"/>`,
      text(left + 18, top + 10, series.name, 'start'),
    ].join('\n');
  });
}

function text(x: number, y: number, content: string, anchor: string, size = 12): string {
  return `<text x="${fixed(x)}" y="${fixed(y)}" text-anchor="${anchor}" font-size="${size}">${escapeXml(content)}</text>`;
}

function largestValue(chart: BarChart): number {
  const values = chart.series.flatMap((series) =>
    series.values.filter((value) => value !== null),
  );

  return Math.max(1, ...(values as number[]));
}

/** 1, 2 or 5 times a power of ten, at or above `value`. */
export function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));

  return (
    [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value) ??
    value
  );
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function color(index: number): string {
  return PALETTE[index % PALETTE.length];
}

function fixed(value: number): string {
  return value.toFixed(1);
}

export function escapeXml(content: string): string {
  return content
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
