import { Sample } from '../observe/availability-observer';
import { ContainerEvent } from '../observe/container-events';
import { TrafficSample } from '../observe/traffic-recorder';
import { ReportedAttack } from '../stack/controller-client';
import { analyseRun, RunObservation } from './run-analysis';

const T0 = Date.parse('2025-03-01T12:00:00.000Z');

function sample(offsetMs: number, up: Record<string, boolean>): Sample {
  return { at: T0 + offsetMs, up };
}

function attack(
  offsetMs: number,
  containerId: string,
  kind: ReportedAttack['attack'],
  duration?: number,
): ReportedAttack {
  return {
    at: new Date(T0 + offsetMs).toISOString(),
    containerId,
    containerName: containerId,
    attack: kind,
    durationSeconds: duration,
  };
}

function start(offsetMs: number, containerId: string): ContainerEvent {
  return { at: T0 + offsetMs, action: 'start', containerId };
}

function die(offsetMs: number, containerId: string): ContainerEvent {
  return { at: T0 + offsetMs, action: 'die', containerId };
}

function observation(overrides: Partial<RunObservation>): RunObservation {
  return {
    startedAt: T0,
    endedAt: T0 + 60_000,
    samples: [],
    events: [],
    attacks: [],
    traffic: [],
    engineFloorMs: 400,
    ...overrides,
  };
}

describe('analyseRun', () => {
  it('counts availability as the share of samples with every container up', () => {
    const figures = analyseRun(
      observation({
        samples: [
          sample(0, { a: true, b: true }),
          sample(200, { a: false, b: true }),
          sample(400, { a: true, b: true }),
          sample(600, { a: false, b: false }),
        ],
      }),
    );

    expect(figures.availability).toBe(50);
    expect(figures.containerAvailability).toBe(62.5);
  });

  it("bounds availability by one engine start of downtime from each stop's death", () => {
    const figures = analyseRun(
      observation({
        samples: [0, 200, 400, 600, 800, 1000].map((at) => sample(at, { a: true })),
        attacks: [
          attack(100, 'a', 'stop'),
          attack(500, 'a', 'packet-loss', 5),
          attack(850, 'a', 'stop'),
        ],
        events: [die(150, 'a'), start(450, 'a'), die(920, 'a')],
        engineFloorMs: 100,
      }),
    );

    // Dead from 150 and from 920, for 100 ms each: the samples at 200 and 1000 miss.
    expect(figures.ceiling).toBe(66.7);
  });

  it('measures recovery from each stop to the next start, and as a multiple of the floor', () => {
    const figures = analyseRun(
      observation({
        attacks: [
          attack(1_000, 'a', 'stop'),
          attack(5_000, 'b', 'stop'),
          attack(9_000, 'a', 'stop'),
        ],
        events: [start(500, 'a'), start(1_600, 'a'), start(6_000, 'b')],
      }),
    );

    expect(figures.recovery).toEqual({
      attacks: 3,
      recovered: 2,
      medianMs: 800,
      p95Ms: 980,
      medianRatio: 2,
      p95Ratio: 2.5,
    });
    expect(figures.restarts).toBe(3);
  });

  it('counts a loss attack healed only when a restart came before the loss ran out', () => {
    const figures = analyseRun(
      observation({
        attacks: [
          attack(1_000, 'a', 'packet-loss', 5),
          attack(10_000, 'b', 'packet-loss', 5),
        ],
        events: [start(2_500, 'a'), start(16_000, 'b')],
      }),
    );

    expect(figures.lossAttacks).toBe(2);
    expect(figures.lossHealedByRestart).toBe(1);
  });

  it('leaves recovery empty when nothing came back', () => {
    const figures = analyseRun(observation({ attacks: [attack(1_000, 'a', 'stop')] }));

    expect(figures.recovery.medianMs).toBeNull();
    expect(figures.recovery.recovered).toBe(0);
  });

  it('takes bandwidth per minute from the broker and the controller counters', () => {
    const traffic: TrafficSample[] = [
      { at: T0, messages: 100, bytes: 10_000, counted: 50 },
      { at: T0 + 5_000, messages: 110, bytes: 11_000, counted: 55 },
      { at: T0 + 35_000, messages: 170, bytes: 17_000, counted: 85 },
      { at: T0 + 36_000, messages: 170, bytes: 17_000, counted: 86 },
    ];

    const figures = analyseRun(observation({ traffic }));

    expect(figures.messagesPerMinute).toBe(120);
    expect(figures.kilobytesPerMinute).toBe(12);
    expect(figures.countedMessagesPerMinute).toBe(60);
  });
});
