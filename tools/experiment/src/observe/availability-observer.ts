import { ContainerState, ExperimentContainers } from '../docker/experiment-containers';
import { IcmpPinger } from './icmp-pinger';

/** Five samples a second: a restart (about 0.3 s) spans one or two of them. */
export const SAMPLE_PERIOD_MS = 200;

/** An echo not back by then counts as lost (container replies take well under 1 ms). */
const ECHO_TIMEOUT_MS = 150;

/** One look at every container: is it running, and did it answer one ping? */
export interface Sample {
  /** ms since epoch when the sample began. */
  readonly at: number;

  /** Container name -> up (running and answered). */
  readonly up: Readonly<Record<string, boolean>>;
}

/**
 * The experiment's observer, independent of the manager: it asks the engine
 * for the containers' state and pings each running one from the host, several
 * times a second, until its deadline. The loop is bounded by the deadline and
 * by a sample count.
 */
export class AvailabilityObserver {
  private readonly pinger = new IcmpPinger(ECHO_TIMEOUT_MS);

  constructor(private readonly containers: ExperimentContainers) {}

  async observeUntil(deadline: number): Promise<Sample[]> {
    const samples: Sample[] = [];
    const maxSamples = Math.ceil((deadline - Date.now()) / SAMPLE_PERIOD_MS) + 1;

    while (Date.now() < deadline && samples.length < maxSamples) {
      const startedAt = Date.now();
      samples.push(await this.sample(startedAt));

      const pause = SAMPLE_PERIOD_MS - (Date.now() - startedAt);
      await delay(Math.min(Math.max(pause, 0), deadline - Date.now()));
    }

    return samples;
  }

  /** True once every container is running and answers (before a run starts). */
  async allUp(): Promise<boolean> {
    const sample = await this.sample(Date.now());
    const states = Object.values(sample.up);

    return states.length > 0 && states.every((up) => up);
  }

  close(): void {
    this.pinger.close();
  }

  private async sample(at: number): Promise<Sample> {
    const states = await this.containers.states();
    const answers = await Promise.all(states.map((state) => this.isUp(state)));

    return {
      at,
      up: Object.fromEntries(states.map((state, index) => [state.name, answers[index]])),
    };
  }

  private async isUp(state: ContainerState): Promise<boolean> {
    return state.running && state.ipv4 !== undefined && this.pinger.answers(state.ipv4);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(ms, 0)));
}
