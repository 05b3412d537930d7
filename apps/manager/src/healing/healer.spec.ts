import { FaultCause, MonitorLogKind } from '@hms/contracts';
import {
  ContainerSnapshot,
  DockerEngine,
  DockerError,
  DockerErrorCode,
} from '@hms/docker';

import { configOf, snapshotOf } from '../../test/fixtures/containers';
import { HostSettings } from '../config/host-settings';
import { ContainerRegistry } from '../registry/container-registry';
import { Healer } from './healer';
import { RestartJournal } from './restart-journal';
import { RestartPolicy } from './restart-policy';

/** An engine whose containers run again after each restart unless told to fail. */
class FakeEngine {
  readonly restarts: string[] = [];
  failNextRestarts = 0;
  state: ContainerSnapshot['state'] = 'exited';
  health?: ContainerSnapshot['health'];

  constructor(private readonly snapshot: ContainerSnapshot) {}

  async restartContainer(id: string): Promise<void> {
    this.restarts.push(id);
    if (this.failNextRestarts > 0) {
      this.failNextRestarts -= 1;
      throw new DockerError(
        DockerErrorCode.EngineError,
        { operation: 'restart' },
        'boom',
      );
    }
    this.state = 'running';
  }

  async inspectContainer(): Promise<ContainerSnapshot> {
    return { ...this.snapshot, state: this.state, health: this.health };
  }
}

function setup() {
  const config = configOf({ restartBackoffBaseMs: 1000, restartBackoffMaxMs: 8000 });
  const settings = new HostSettings(config);
  const registry = new ContainerRegistry(settings);
  const web = snapshotOf({ name: 'web-1', state: 'exited', exitCode: 143 });
  registry.upsert(web);
  const engine = new FakeEngine(web);
  const policy = new RestartPolicy({ baseMs: 1000, maxMs: 8000, resetAfterMs: 30_000 });
  const healer = new Healer(
    config,
    registry,
    settings,
    engine as unknown as DockerEngine,
    policy,
    new RestartJournal(registry),
  );

  return { healer, registry, settings, engine, web };
}

const stopped = (atMs = Date.now()) => ({
  cause: FaultCause.Stopped,
  detail: 'exit 143 after SIGTERM',
  atMs,
});

const crashed = () => ({
  cause: FaultCause.Crashed,
  detail: 'exit 1, no signal sent',
  atMs: Date.now(),
});

const unhealthy = () => ({
  cause: FaultCause.Unhealthy,
  detail: 'HEALTHCHECK reports unhealthy',
  atMs: Date.now(),
});

const lossy = () => ({
  cause: FaultCause.PacketLoss,
  detail: 'packet loss 80% > threshold 25%',
  atMs: Date.now(),
});

describe('Healer', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_700_000_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('restarts at once and logs the fault and the restart with its cause', async () => {
    const { healer, registry, engine, web } = setup();
    const faultAt = Date.now();

    jest.advanceTimersByTime(250);
    healer.handleFault(web.id, stopped(faultAt));
    await jest.advanceTimersByTimeAsync(0);

    expect(engine.restarts).toEqual([web.id]);
    const log = registry
      .contentSince()
      .log.filter((entry) => entry.containerId === web.shortId);
    expect(log.map((entry) => [entry.kind, entry.cause])).toEqual([
      [MonitorLogKind.Discovered, undefined],
      [MonitorLogKind.Fault, FaultCause.Stopped],
      [MonitorLogKind.Restart, FaultCause.Stopped],
    ]);
    expect(log[2].recoveryMs).toBe(250);
    expect(registry.get(web.id)?.restarts).toBe(1);
  });

  it('waits the backoff before restarting a container that keeps failing', async () => {
    const { healer, engine, web } = setup();
    healer.handleFault(web.id, crashed());
    await jest.advanceTimersByTimeAsync(0);
    engine.state = 'exited';

    healer.handleFault(web.id, crashed());
    await jest.advanceTimersByTimeAsync(999);
    const beforeBackoff = engine.restarts.length;
    await jest.advanceTimersByTimeAsync(1);

    expect(beforeBackoff).toBe(1);
    expect(engine.restarts).toHaveLength(2);
  });

  it('restarts a container stopped from outside at once, every time', async () => {
    const { healer, engine, web } = setup();

    for (let stop = 0; stop < 4; stop++) {
      engine.state = 'exited';
      healer.handleFault(web.id, stopped());
      await jest.advanceTimersByTimeAsync(0);
    }

    expect(engine.restarts).toHaveLength(4);
  });

  it('restarts a stopped container at once even while a backoff for its own faults runs', async () => {
    const { healer, engine, web } = setup();
    healer.handleFault(web.id, crashed());
    await jest.advanceTimersByTimeAsync(0);
    engine.state = 'exited';

    healer.handleFault(web.id, stopped());
    await jest.advanceTimersByTimeAsync(0);

    expect(engine.restarts).toHaveLength(2);
  });

  it('restarts at once for packet loss that comes back after a probe passed', async () => {
    const { healer, engine, web } = setup();
    engine.state = 'running';
    healer.handleFault(web.id, lossy());
    await jest.advanceTimersByTimeAsync(0);
    healer.probePassed(web.id);

    healer.handleFault(web.id, lossy());
    await jest.advanceTimersByTimeAsync(0);

    expect(engine.restarts).toHaveLength(2);
  });

  it('backs off when packet loss persists through its restart', async () => {
    const { healer, engine, web } = setup();
    engine.state = 'running';
    healer.handleFault(web.id, lossy());
    await jest.advanceTimersByTimeAsync(0);

    healer.handleFault(web.id, lossy());
    await jest.advanceTimersByTimeAsync(999);

    expect(engine.restarts).toHaveLength(1);
  });

  it('logs a failed restart and tries again after the backoff', async () => {
    const { healer, registry, engine, web } = setup();
    engine.failNextRestarts = 1;

    healer.handleFault(web.id, stopped());
    await jest.advanceTimersByTimeAsync(0);
    const kinds = registry.contentSince().log.map((entry) => entry.kind);
    await jest.advanceTimersByTimeAsync(1000);

    expect(kinds).toContain(MonitorLogKind.RestartFailed);
    expect(engine.restarts).toHaveLength(2);
    expect(registry.get(web.id)?.phase).toBe('ok');
  });

  it('does not act twice on one fault reported twice', async () => {
    const { healer, engine, web } = setup();

    healer.handleFault(web.id, stopped());
    healer.handleFault(web.id, stopped());
    await jest.advanceTimersByTimeAsync(0);

    expect(engine.restarts).toHaveLength(1);
  });

  it('leaves an ignored container alone', async () => {
    const { healer, settings, engine, web } = setup();
    settings.ignore(web);

    healer.handleFault(web.id, stopped());
    await jest.advanceTimersByTimeAsync(0);

    expect(engine.restarts).toEqual([]);
  });

  it('does nothing once the host is retired', async () => {
    const { healer, settings, engine, web } = setup();
    settings.acting = false;

    healer.handleFault(web.id, stopped());
    await jest.advanceTimersByTimeAsync(0);

    expect(engine.restarts).toEqual([]);
  });

  it('drops a waiting restart when the container runs again on its own', async () => {
    const { healer, engine, web } = setup();
    healer.handleFault(web.id, stopped());
    await jest.advanceTimersByTimeAsync(0);
    engine.state = 'exited';
    healer.handleFault(web.id, stopped());

    healer.runningAgain(web.id);
    await jest.advanceTimersByTimeAsync(5000);

    expect(engine.restarts).toHaveLength(1);
  });

  it('restarts a running container whose HEALTHCHECK still fails when due', async () => {
    const { healer, engine, web } = setup();
    engine.state = 'running';
    engine.health = 'unhealthy';
    healer.handleFault(web.id, unhealthy());
    await jest.advanceTimersByTimeAsync(0);

    healer.handleFault(web.id, unhealthy());
    await jest.advanceTimersByTimeAsync(1000);

    expect(engine.restarts).toEqual([web.id, web.id]);
  });

  it('drops a waiting restart when the HEALTHCHECK passes again meanwhile', async () => {
    const { healer, registry, engine, web } = setup();
    engine.state = 'running';
    engine.health = 'unhealthy';
    healer.handleFault(web.id, unhealthy());
    await jest.advanceTimersByTimeAsync(0);
    healer.handleFault(web.id, unhealthy());

    engine.health = 'healthy';
    await jest.advanceTimersByTimeAsync(5000);

    expect(engine.restarts).toHaveLength(1);
    expect(healer.isHandling(web.id)).toBe(false);
    expect(registry.get(web.id)?.phase).toBe('ok');
  });

  it('restarts a running container for packet loss', async () => {
    const { healer, registry, engine, web } = setup();
    engine.state = 'running';

    healer.handleFault(web.id, {
      cause: FaultCause.PacketLoss,
      detail: 'packet loss 100% > threshold 25%',
      atMs: Date.now(),
    });
    await jest.advanceTimersByTimeAsync(0);

    expect(engine.restarts).toEqual([web.id]);
    expect(registry.get(web.id)?.lastRestart?.cause).toBe(FaultCause.PacketLoss);
  });
});
