import { ControllerClient } from '../stack/controller-client';
import { BrokerCounters, sumMetric } from './broker-counters';

/** Once a second: the broker refreshes its counters every 5 s, this sees each refresh. */
export const TRAFFIC_PERIOD_MS = 1000;

/** The counters as read at one moment. */
export interface TrafficSample {
  readonly at: number;

  /** RabbitMQ: messages the manager and controller published so far. */
  readonly messages: number;

  /** RabbitMQ: bytes they sent to the broker so far. */
  readonly bytes: number;

  /** The controller's own count of messages with managers so far. */
  readonly counted: number;
}

/**
 * Reads the broker's counters for the monitor's connections, and the
 * controller's own count, every second until a deadline (bounded loop).
 */
export class TrafficRecorder {
  constructor(
    private readonly broker: BrokerCounters,
    private readonly controller: ControllerClient,
    private readonly pids: readonly number[],
  ) {}

  async recordUntil(deadline: number): Promise<TrafficSample[]> {
    const samples: TrafficSample[] = [];
    const maxSamples = Math.ceil((deadline - Date.now()) / TRAFFIC_PERIOD_MS) + 1;

    while (Date.now() < deadline && samples.length < maxSamples) {
      const startedAt = Date.now();
      samples.push(await this.read(startedAt));

      const pause = Math.min(
        TRAFFIC_PERIOD_MS - (Date.now() - startedAt),
        deadline - Date.now(),
      );
      await new Promise((resolve) => setTimeout(resolve, Math.max(pause, 0)));
    }
    samples.push(await this.read(Date.now()));

    return samples;
  }

  private async read(at: number): Promise<TrafficSample> {
    const [counters, metrics] = await Promise.all([
      this.broker.snapshot(this.pids),
      this.controller.metrics(),
    ]);

    return { at, ...counters, counted: sumMetric(metrics, 'hms_messages_total') };
  }
}

/**
 * Per-minute rate of a counter the broker refreshes in steps: measured
 * between the first and the last step seen, whose times are known to within
 * one sample, so the refresh lag does not bias it. With fewer than two steps
 * (little or no traffic) it falls back to the difference over the whole span.
 */
export function steppedRatePerMinute(
  series: readonly { at: number; value: number }[],
): number {
  if (series.length < 2) {
    return 0;
  }

  const steps = series.filter(
    (point, index) => index > 0 && point.value !== series[index - 1].value,
  );
  const [from, to] =
    steps.length >= 2
      ? [steps[0], steps[steps.length - 1]]
      : [series[0], series[series.length - 1]];
  const minutes = (to.at - from.at) / 60_000;

  return minutes > 0 ? Math.round(((to.value - from.value) / minutes) * 10) / 10 : 0;
}
