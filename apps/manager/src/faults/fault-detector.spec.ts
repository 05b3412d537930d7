import { FaultCause } from '@hms/contracts';
import { ContainerSnapshot, DockerEngine } from '@hms/docker';

import { configOf, eventOf, snapshotOf } from '../../test/fixtures/containers';
import { HostSettings } from '../config/host-settings';
import { ScopeFilter } from '../config/scope-filter';
import { Healer } from '../healing/healer';
import { Fault } from '../registry/container-record';
import { ContainerRegistry } from '../registry/container-registry';
import {
  DIE_AFTER_SIGTERM_SETTLE_MS,
  DIE_SETTLE_MS,
  FaultDetector,
} from './fault-detector';

/** The engine's view of each container, as the test sets it. */
class FakeEngine {
  readonly containers = new Map<string, ContainerSnapshot>();

  async inspectContainer(id: string): Promise<ContainerSnapshot> {
    const snapshot = this.containers.get(id);
    if (snapshot === undefined) {
      throw Object.assign(new Error(`no container ${id}`), {
        code: 'CONTAINER_NOT_FOUND',
      });
    }

    return snapshot;
  }
}

class RecordingHealer {
  readonly faults: Fault[] = [];
  readonly forgotten: string[] = [];

  isHandling = () => false;
  handleFault = (_id: string, fault: Fault) => void this.faults.push(fault);
  runningAgain = () => undefined;
  forget = (id: string) => void this.forgotten.push(id);
}

function setup() {
  const config = configOf();
  const settings = new HostSettings(config);
  const registry = new ContainerRegistry(settings);
  const engine = new FakeEngine();
  const healer = new RecordingHealer();
  const sut = new FaultDetector(
    registry,
    settings,
    healer as unknown as Healer,
    engine as unknown as DockerEngine,
    new ScopeFilter(config),
  );
  const web = snapshotOf({ name: 'web-1' });
  engine.containers.set(web.id, web);
  registry.upsert(web);

  /** The engine now says the container exited with `exitCode`. */
  const exits = (exitCode: number) =>
    engine.containers.set(web.id, { ...web, state: 'exited', exitCode, pid: 0 });

  return { sut, registry, engine, healer, settings, web, exits };
}

describe('FaultDetector', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('classifies a docker stop as soon as its stop event arrives', async () => {
    const { sut, healer, web, exits } = setup();
    exits(0);

    sut.onEvent(eventOf(web.id, 'kill', { signal: 15, timeMs: 1000 }));
    sut.onEvent(eventOf(web.id, 'die', { exitCode: 0, timeMs: 1040 }));
    sut.onEvent(eventOf(web.id, 'stop', { timeMs: 1120 }));
    await jest.advanceTimersByTimeAsync(0);

    expect(healer.faults).toEqual([
      { cause: FaultCause.Stopped, detail: 'exit 0 after SIGTERM', atMs: 1040 },
    ]);
  });

  it('waits for a possible stop after a die, then classifies a kill', async () => {
    const { sut, healer, web, exits } = setup();
    exits(137);

    sut.onEvent(eventOf(web.id, 'kill', { signal: 9 }));
    sut.onEvent(eventOf(web.id, 'die', { exitCode: 137 }));
    await jest.advanceTimersByTimeAsync(DIE_SETTLE_MS - 1);
    const beforeSettling = healer.faults.length;
    await jest.advanceTimersByTimeAsync(1);

    expect(beforeSettling).toBe(0);
    expect(healer.faults.map((fault) => fault.cause)).toEqual([FaultCause.Killed]);
  });

  it('waits longer for the stop of a loaded engine after a SIGTERM', async () => {
    const { sut, healer, web, exits } = setup();
    exits(0);

    sut.onEvent(eventOf(web.id, 'kill', { signal: 15 }));
    sut.onEvent(eventOf(web.id, 'die', { exitCode: 0 }));
    await jest.advanceTimersByTimeAsync(DIE_SETTLE_MS + 500);
    const beforeStop = healer.faults.length;
    sut.onEvent(eventOf(web.id, 'stop'));
    await jest.advanceTimersByTimeAsync(0);

    expect(beforeStop).toBe(0);
    expect(healer.faults.map((fault) => fault.cause)).toEqual([FaultCause.Stopped]);
  });

  it('classifies a SIGTERM without a stop as a kill once the wait is over', async () => {
    const { sut, healer, web, exits } = setup();
    exits(0);

    sut.onEvent(eventOf(web.id, 'kill', { signal: 15 }));
    sut.onEvent(eventOf(web.id, 'die', { exitCode: 0 }));
    await jest.advanceTimersByTimeAsync(DIE_AFTER_SIGTERM_SETTLE_MS);

    expect(healer.faults.map((fault) => fault.cause)).toEqual([FaultCause.Killed]);
  });

  it('forgets a container destroyed before its death was classified', async () => {
    const { sut, registry, engine, healer, web } = setup();

    sut.onEvent(eventOf(web.id, 'kill', { signal: 9 }));
    sut.onEvent(eventOf(web.id, 'die', { exitCode: 137 }));
    engine.containers.delete(web.id);
    sut.onEvent(eventOf(web.id, 'destroy'));
    await jest.advanceTimersByTimeAsync(DIE_SETTLE_MS);

    expect(healer.faults).toEqual([]);
    expect(healer.forgotten).toContain(web.id);
    expect(registry.get(web.id)).toBeUndefined();
  });

  it('reports an unhealthy HEALTHCHECK of a running container', async () => {
    const { sut, engine, healer, web } = setup();
    engine.containers.set(web.id, { ...web, health: 'unhealthy' });

    sut.onEvent(eventOf(web.id, 'health_status', { healthStatus: 'unhealthy' }));
    await jest.advanceTimersByTimeAsync(0);

    expect(healer.faults.map((fault) => fault.cause)).toEqual([FaultCause.Unhealthy]);
  });

  it('leaves an ignored container alone', async () => {
    const { sut, settings, healer, web, exits } = setup();
    settings.ignore(web);
    exits(0);

    sut.onEvent(eventOf(web.id, 'die', { exitCode: 0 }));
    sut.onEvent(eventOf(web.id, 'stop'));
    await jest.advanceTimersByTimeAsync(DIE_SETTLE_MS);

    expect(healer.faults).toEqual([]);
  });

  it('leaves alone a container found exited long ago, then heals it once it ran', async () => {
    const { sut, registry, engine, healer } = setup();
    const longAgo = new Date(Date.now() - 3_600_000).toISOString();
    const job = snapshotOf({ name: 'job', state: 'exited', finishedAt: longAgo });
    registry.upsert(job);

    sut.check(job.id);
    const faultsWhileLeftDown = healer.faults.length;
    engine.containers.set(job.id, { ...job, state: 'running' });
    sut.onEvent(eventOf(job.id, 'start'));
    await jest.advanceTimersByTimeAsync(0);
    engine.containers.set(job.id, { ...job, state: 'exited', exitCode: 1 });
    sut.onEvent(eventOf(job.id, 'die', { exitCode: 1 }));
    await jest.advanceTimersByTimeAsync(DIE_SETTLE_MS);

    expect(faultsWhileLeftDown).toBe(0);
    expect(healer.faults.map((fault) => fault.cause)).toEqual([FaultCause.Crashed]);
  });

  it('adds a container it hears being created', async () => {
    const { sut, registry, engine } = setup();
    const late = snapshotOf({ name: 'late', state: 'created', pid: 0 });
    engine.containers.set(late.id, late);

    sut.onEvent(eventOf(late.id, 'create'));
    await jest.advanceTimersByTimeAsync(0);

    expect(registry.get(late.id)?.snapshot.name).toBe('late');
  });
});
