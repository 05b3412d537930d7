import Docker from 'dockerode';

import { median } from '../analysis/percentiles';
import { EXPERIMENT_LABEL } from './experiment-containers';

const IDLE_IMAGE = 'hms/idle:latest';

export interface EngineFloor {
  /** Each measured `docker start`, in ms. */
  readonly startsMs: number[];
  readonly medianMs: number;
}

/**
 * The engine's own time to start a stopped idle container, from the start
 * request until the engine reports it running: no monitor can restart a
 * container faster, so recovery times are given as multiples of it.
 */
export async function measureEngineFloor(
  docker: Docker,
  runId: string,
  repetitions = 5,
): Promise<EngineFloor> {
  const container = await docker.createContainer({
    name: `${runId}-floor`,
    Image: IDLE_IMAGE,
    Labels: { [EXPERIMENT_LABEL]: runId },
  });

  try {
    const startsMs: number[] = [];
    for (let repetition = 0; repetition < repetitions; repetition += 1) {
      startsMs.push(await timeOneStart(container));
      await container.stop({ t: 0 });
    }

    return { startsMs, medianMs: median(startsMs) };
  } finally {
    await container.remove({ force: true });
  }
}

async function timeOneStart(container: Docker.Container): Promise<number> {
  const startedAt = performance.now();
  await container.start();
  const { State } = await container.inspect();
  if (!State.Running) {
    throw new Error(`the floor container ${container.id} did not stay running`);
  }

  return performance.now() - startedAt;
}
