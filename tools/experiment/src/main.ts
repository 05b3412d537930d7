import { join, resolve } from 'node:path';

import { ExperimentError } from './experiment-error';
import { parseOptions, USAGE } from './options/experiment-options';
import { writeReport } from './report/report-writer';
import { ExperimentRunner } from './run/experiment-runner';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = parseOptions(argv);
  if (options === 'help') {
    console.log(USAGE);

    return;
  }

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const outputDir = resolve(options.outputDir ?? join('results', `experiment-${stamp}`));
  const command = `npx nx run experiment:run${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`;
  const runner = new ExperimentRunner(
    options,
    { distDir: resolve('dist'), outputDir },
    command,
  );

  stopCleanlyOn(['SIGINT', 'SIGTERM'], runner);
  const result = await runner.run();
  const written = await writeReport(outputDir, result);

  console.log(`results written:\n${written.map((file) => `  ${file}`).join('\n')}`);
}

/** On Ctrl-C the current run's containers and apps are removed before exiting. */
function stopCleanlyOn(signals: NodeJS.Signals[], runner: ExperimentRunner): void {
  for (const signal of signals) {
    process.once(signal, () => {
      console.error(`\n${signal}: removing this run's containers and apps, then exiting`);
      void runner.abort().finally(() => process.exit(130));
    });
  }
}

main().catch((error: unknown) => {
  const message = error instanceof ExperimentError ? error.message : String(error);
  console.error(`experiment failed: ${message}`);
  process.exit(1);
});
