import { Sample } from '../observe/availability-observer';
import { steppedRatePerMinute, TrafficSample } from '../observe/traffic-recorder';
import { ContainerEvent } from '../observe/container-events';
import { ReportedAttack } from '../stack/controller-client';
import { median, percentile } from './percentiles';

/** Everything seen during one run, from the observer, the engine, the broker and the controller. */
export interface RunObservation {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly samples: readonly Sample[];
  readonly events: readonly ContainerEvent[];
  readonly attacks: readonly ReportedAttack[];
  readonly traffic: readonly TrafficSample[];
  readonly engineFloorMs: number;
}

export interface RecoveryFigures {
  /** Stop attacks made during the run. */
  readonly attacks: number;

  /** Of those, the containers running again before the run ended. */
  readonly recovered: number;
  readonly medianMs: number | null;
  readonly p95Ms: number | null;

  /** Median and p95 as multiples of the engine's own start time. */
  readonly medianRatio: number | null;
  readonly p95Ratio: number | null;
}

export interface RunFigures {
  /** Share of samples in which every container was running and answered (%). */
  readonly availability: number;

  /** Mean share of containers up per sample (%). */
  readonly containerAvailability: number;

  /**
   * The availability no monitor could beat against these attacks (%): each
   * stop keeps its container down for at least one engine start from the
   * moment it dies, even when restarted at once. Loss attacks are left out
   * (the observer may still get an answer through them), so this is an
   * upper bound. Counted at the observer's samples.
   */
  readonly ceiling: number;
  readonly samples: number;
  readonly stopAttacks: number;
  readonly lossAttacks: number;

  /** Loss attacks the monitor ended by a restart before the loss ran out. */
  readonly lossHealedByRestart: number;

  /** Container starts during the run: restarts made by the monitor. */
  readonly restarts: number;
  readonly recovery: RecoveryFigures;

  /** Messages published by the manager and the controller, per minute (RabbitMQ's count). */
  readonly messagesPerMinute: number;

  /** Bytes they sent to the broker, in kB per minute (RabbitMQ's count). */
  readonly kilobytesPerMinute: number;

  /** Messages the controller itself counted with managers, per minute. */
  readonly countedMessagesPerMinute: number;
}

export function analyseRun(observation: RunObservation): RunFigures {
  const stops = observation.attacks.filter((attack) => attack.attack === 'stop');
  const losses = observation.attacks.filter((attack) => attack.attack === 'packet-loss');

  return {
    ...availabilityOf(observation.samples),
    ceiling: ceilingOf(observation, stops),
    samples: observation.samples.length,
    stopAttacks: stops.length,
    lossAttacks: losses.length,
    lossHealedByRestart: losses.filter((attack) =>
      healedByRestart(attack, observation.events),
    ).length,
    restarts: observation.events.filter(
      (event) =>
        event.action === 'start' &&
        event.at >= observation.startedAt &&
        event.at <= observation.endedAt,
    ).length,
    recovery: recoveryOf(stops, observation.events, observation.engineFloorMs),
    ...bandwidthOf(observation.traffic),
  };
}

function availabilityOf(samples: readonly Sample[]) {
  const allUp = samples.filter((sample) =>
    Object.values(sample.up).every((up) => up),
  ).length;
  const shares = samples.map((sample) => {
    const states = Object.values(sample.up);

    return states.filter((up) => up).length / Math.max(states.length, 1);
  });

  return {
    availability: percent(allUp / Math.max(samples.length, 1)),
    containerAvailability: percent(
      shares.reduce((sum, share) => sum + share, 0) / Math.max(shares.length, 1),
    ),
  };
}

/** Share of samples taken while no stopped container was dead for less than one engine start. */
function ceilingOf(
  { samples, events, engineFloorMs }: RunObservation,
  stops: readonly ReportedAttack[],
): number {
  const deaths = stops.map((stop) => {
    const at = Date.parse(stop.at);

    return nextEvent(events, 'die', stop.containerId, at)?.at ?? at;
  });
  const clear = samples.filter(
    (sample) =>
      !deaths.some((died) => sample.at >= died && sample.at < died + engineFloorMs),
  );

  return percent(clear.length / Math.max(samples.length, 1));
}

/** From each stop attack to the container's next start, by the engine's clock. */
function recoveryOf(
  stops: readonly ReportedAttack[],
  events: readonly ContainerEvent[],
  floorMs: number,
): RecoveryFigures {
  const times = stops.flatMap((attack) => {
    const at = Date.parse(attack.at);
    const restart = nextStart(events, attack.containerId, at);

    return restart === undefined ? [] : [restart.at - at];
  });

  const medianMs = times.length > 0 ? median(times) : null;
  const p95Ms = times.length > 0 ? percentile(times, 0.95) : null;

  return {
    attacks: stops.length,
    recovered: times.length,
    medianMs: round(medianMs),
    p95Ms: round(p95Ms),
    medianRatio: ratio(medianMs, floorMs),
    p95Ratio: ratio(p95Ms, floorMs),
  };
}

function healedByRestart(
  attack: ReportedAttack,
  events: readonly ContainerEvent[],
): boolean {
  const at = Date.parse(attack.at);
  const restart = nextStart(events, attack.containerId, at);

  return restart !== undefined && restart.at <= at + (attack.durationSeconds ?? 0) * 1000;
}

function nextStart(
  events: readonly ContainerEvent[],
  containerId: string,
  after: number,
): ContainerEvent | undefined {
  return nextEvent(events, 'start', containerId, after);
}

function nextEvent(
  events: readonly ContainerEvent[],
  action: ContainerEvent['action'],
  containerId: string,
  after: number,
): ContainerEvent | undefined {
  return events.find(
    (event) =>
      event.action === action && event.containerId === containerId && event.at >= after,
  );
}

function bandwidthOf(traffic: readonly TrafficSample[]) {
  const series = (value: (sample: TrafficSample) => number) =>
    traffic.map((sample) => ({ at: sample.at, value: value(sample) }));

  return {
    messagesPerMinute: steppedRatePerMinute(series((sample) => sample.messages)),
    kilobytesPerMinute: steppedRatePerMinute(series((sample) => sample.bytes / 1000)),
    countedMessagesPerMinute: steppedRatePerMinute(series((sample) => sample.counted)),
  };
}

function percent(share: number): number {
  return Math.round(share * 1000) / 10;
}

function round(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms);
}

function ratio(ms: number | null, floorMs: number): number | null {
  return ms === null || floorMs <= 0 ? null : Math.round((ms / floorMs) * 10) / 10;
}
