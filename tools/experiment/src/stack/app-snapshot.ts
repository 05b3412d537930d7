import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import { ExperimentError, ExperimentErrorCode } from '../experiment-error';

/** The apps a run starts, by their Nx project name. */
export const HMS_APPS = ['controller-api', 'manager', 'antagonist'] as const;

/**
 * Copies the built apps into the results folder and runs them from there,
 * so a rebuild in the middle of a 15-minute experiment cannot change the
 * code under test, and the results sit beside the exact code that made them.
 */
export async function snapshotApps(distDir: string, targetDir: string): Promise<void> {
  for (const app of HMS_APPS) {
    const source = join(distDir, 'apps', app, 'main.js');
    await mkdir(join(targetDir, 'apps', app), { recursive: true });
    await copyFile(source, join(targetDir, 'apps', app, 'main.js')).catch(() => {
      throw new ExperimentError(
        ExperimentErrorCode.NotReady,
        `${source} is missing: run the experiment with 'npx nx run experiment:run', which builds the apps first`,
      );
    });
  }
}
