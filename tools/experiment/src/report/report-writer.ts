import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
  availabilityChart,
  bandwidthBytesChart,
  bandwidthChart,
  recoveryChart,
} from './charts';
import { ExperimentResult } from './experiment-result';
import { renderMarkdown } from './markdown-report';
import { renderBarChart } from './svg-bar-chart';

/** Writes results.json, report.md and the charts; returns the paths written. */
export async function writeReport(
  directory: string,
  result: ExperimentResult,
): Promise<string[]> {
  await mkdir(directory, { recursive: true });

  const files: [string, string][] = [
    ['results.json', `${JSON.stringify(result, null, 2)}\n`],
    ['report.md', renderMarkdown(result)],
    ['availability.svg', renderBarChart(availabilityChart(result))],
    ['bandwidth.svg', renderBarChart(bandwidthChart(result))],
    ['bandwidth-bytes.svg', renderBarChart(bandwidthBytesChart(result))],
    ['recovery.svg', renderBarChart(recoveryChart(result))],
  ];

  for (const [name, content] of files) {
    await writeFile(join(directory, name), content);
  }

  return files.map(([name]) => join(directory, name));
}
