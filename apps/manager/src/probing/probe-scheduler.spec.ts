import { FaultCause } from '@hms/contracts';
import { DockerEngine } from '@hms/docker';

import { configOf, snapshotOf } from '../../test/fixtures/containers';
import { HostSettings } from '../config/host-settings';
import { Healer } from '../healing/healer';
import { Fault } from '../registry/container-record';
import { ContainerRegistry } from '../registry/container-registry';
import { Prober } from './icmp-prober';
import { ProbeResult } from './packet-loss';

import { ProbeScheduler } from './probe-scheduler';

/** Answers after `windowMs`, counting how many probes are in flight at once. */
class CountingProber extends Prober {
  inFlight = 0;
  maxInFlight = 0;
  readonly lossByAddress = new Map<string, number>();

  constructor(private readonly windowMs: number) {
    super();
  }

  async probe(address: string): Promise<ProbeResult> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, this.windowMs));
    this.inFlight -= 1;

    const lost = this.lossByAddress.get(address) ?? 0;

    return { sent: 20, received: 20 - lost };
  }
}

class RecordingHealer {
  readonly faults: { id: string; fault: Fault }[] = [];
  readonly passed: string[] = [];

  isHandling(): boolean {
    return false;
  }

  handleFault(id: string, fault: Fault): void {
    this.faults.push({ id, fault });
  }

  probePassed(id: string): void {
    this.passed.push(id);
  }
}

function setup(containerCount: number, concurrency: number) {
  const config = configOf({ probeConcurrency: concurrency, threshold: 25 });
  const settings = new HostSettings(config);
  const registry = new ContainerRegistry(settings);
  const snapshots = Array.from({ length: containerCount }, (_, index) =>
    snapshotOf({
      networks: [{ network: 'bridge', ipv4: `172.17.${index >> 8}.${index & 255}` }],
    }),
  );
  snapshots.forEach((snapshot) => registry.upsert(snapshot));

  const prober = new CountingProber(300);
  const healer = new RecordingHealer();
  const restarted = new Set<string>();
  const engine = {
    inspectContainer: async (id: string) => ({
      state: 'running',
      startedAt: restarted.has(id)
        ? '2030-01-01T00:00:00.000Z'
        : registry.get(id)?.snapshot.startedAt,
    }),
  };
  const scheduler = new ProbeScheduler(
    config,
    registry,
    settings,
    prober,
    healer as unknown as Healer,
    engine as unknown as DockerEngine,
  );

  return { scheduler, prober, healer, registry, settings, snapshots, restarted };
}

describe('ProbeScheduler', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('probes 200 containers in 7 windows of 32 at most', async () => {
    const { scheduler, prober } = setup(200, 32);

    const cycle = scheduler.runCycle();
    await jest.advanceTimersByTimeAsync(7 * 300);
    const report = await cycle;

    expect(report.probed).toBe(200);
    expect(prober.maxInFlight).toBe(32);
    expect(report.durationMs).toBeLessThanOrEqual(7 * 300);
  });

  it('reports only a loss above the threshold, as a packet-loss fault', async () => {
    const { scheduler, prober, healer, snapshots } = setup(3, 32);
    prober.lossByAddress.set(snapshots[1].networks[0].ipv4, 20);
    prober.lossByAddress.set(snapshots[2].networks[0].ipv4, 5);

    const cycle = scheduler.runCycle();
    await jest.advanceTimersByTimeAsync(300);
    await cycle;

    expect(healer.faults).toEqual([
      {
        id: snapshots[1].id,
        fault: {
          cause: FaultCause.PacketLoss,
          detail: 'packet loss 100% > threshold 25%',
          atMs: expect.any(Number),
        },
      },
    ]);
    expect(healer.passed).toEqual([snapshots[0].id, snapshots[2].id]);
  });

  it('does not blame a container restarted while it was probed', async () => {
    const { scheduler, prober, healer, snapshots, restarted } = setup(1, 32);
    prober.lossByAddress.set(snapshots[0].networks[0].ipv4, 20);
    restarted.add(snapshots[0].id);

    const cycle = scheduler.runCycle();
    await jest.advanceTimersByTimeAsync(300);
    await cycle;

    expect(healer.faults).toEqual([]);
  });

  it('records the loss of each container', async () => {
    const { scheduler, prober, registry, snapshots } = setup(2, 32);
    prober.lossByAddress.set(snapshots[0].networks[0].ipv4, 3);

    const cycle = scheduler.runCycle();
    await jest.advanceTimersByTimeAsync(300);
    await cycle;

    expect(registry.get(snapshots[0].id)?.packetLoss).toBe(15);
    expect(registry.get(snapshots[1].id)?.packetLoss).toBe(0);
  });

  it('skips ignored, stopped and address-less containers, and all once retired', async () => {
    const { scheduler, registry, settings, snapshots } = setup(1, 32);
    registry.upsert(snapshotOf({ labels: { 'hms.ignore': 'true' } }));
    registry.upsert(snapshotOf({ state: 'exited', pid: 0 }));
    registry.upsert(snapshotOf({ networks: [] }));

    const cycle = scheduler.runCycle();
    await jest.advanceTimersByTimeAsync(300);
    const report = await cycle;
    settings.acting = false;
    const retired = await scheduler.runCycle();

    expect(report.probed).toBe(1);
    expect(registry.get(snapshots[0].id)?.probedAt).toBeDefined();
    expect(retired.probed).toBe(0);
  });
});
