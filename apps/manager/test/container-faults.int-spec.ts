import { HmsStatus, MonitorLogEntryDto } from '@hms/contracts';
import { waitFor } from '@hms/testing';

import { ManagerHarness } from './support/manager-harness';

/** Healthy while /tmp/sick is absent; the file survives a restart, like real state. */
const HEALTHCHECK = { script: 'test ! -f /tmp/sick', intervalMs: 1000, retries: 1 };

/**
 * Idles until /tmp/grow appears, removes it (so a restart idles again), then
 * doubles a shell variable: the 16 MiB limit stops it long before the 28
 * doublings (256 MiB) that end the loop if the limit did not hold.
 */
const GREEDY_SCRIPT = [
  'trap "exit 0" TERM INT',
  'while [ ! -f /tmp/grow ]; do sleep 0.2; done',
  'busybox rm -f /tmp/grow',
  'x=x; i=0; while [ $i -lt 28 ]; do x="$x$x"; i=$((i + 1)); done',
].join('\n');

const MEMORY_LIMIT = 16 * 1024 * 1024;

/** HMS_RESTART_BACKOFF_BASE_MS of the harness. */
const BACKOFF_BASE_MS = 500;

describe('manager heals unhealthy and OOM-killed containers on the real engine', () => {
  const harness = new ManagerHarness();
  const { containers, manager } = harness;

  beforeAll(() =>
    harness.start([
      ['sickly', { healthcheck: HEALTHCHECK }],
      ['greedy', { script: GREEDY_SCRIPT, memoryBytes: MEMORY_LIMIT }],
    ]),
  );

  afterAll(() => harness.stop());

  /** The monitor log entries of one container, oldest first. */
  async function entriesOf(suffix: string): Promise<MonitorLogEntryDto[]> {
    const name = harness.nameOf(suffix);

    return (await harness.content()).log.filter((entry) => entry.containerName === name);
  }

  it('restarts a container whose HEALTHCHECK fails, with cause unhealthy', async () => {
    await waitFor(async () => (await harness.statusOf('sickly'))?.health === 'healthy', {
      what: 'sickly to pass its first health checks',
    });
    const before = (await containers.inspect('sickly')).State.Pid;

    containers.exec('sickly', ': > /tmp/sick');
    const restart = await harness.restartOf('sickly', 'unhealthy');

    expect(restart.recoveryMs).toBeGreaterThan(0);
    expect((await containers.inspect('sickly')).State.Pid).not.toBe(before);
    expect(
      manager.hasLogged(
        `${harness.nameOf('sickly')} unhealthy (HEALTHCHECK reports unhealthy): restarting`,
      ),
    ).toBe(true);
  });

  it('backs off while it stays unhealthy, instead of a restart storm', async () => {
    const name = harness.nameOf('sickly');

    // /tmp/sick survived the restart: every restart is followed by a new fault.
    const entries = await waitFor(
      async () => {
        const log = await entriesOf('sickly');

        return restartsIn(log).length >= 3 && log;
      },
      {
        timeoutMs: 20_000,
        intervalMs: 200,
        what: `a third unhealthy restart of ${name}`,
      },
    );
    const waits = faultToRestartWaits(entries).slice(0, 3);

    expect(restartsIn(entries).every((entry) => entry.cause === 'unhealthy')).toBe(true);
    expect(waits[1]).toBeGreaterThanOrEqual(BACKOFF_BASE_MS);
    expect(waits[2]).toBeGreaterThanOrEqual(2 * BACKOFF_BASE_MS);
    expect(manager.hasLogged(`next restart of ${name} in 0.5 s (failed 1 time)`)).toBe(
      true,
    );
    expect(manager.hasLogged(`next restart of ${name} in 1 s (failed 2 times)`)).toBe(
      true,
    );
  });

  it('stops restarting once the HEALTHCHECK passes again', async () => {
    containers.exec('sickly', 'busybox rm -f /tmp/sick');

    const healthy = await waitFor(
      async () => {
        const status = await harness.statusOf('sickly');

        return (
          status?.status === HmsStatus.Active && status.health === 'healthy' && status
        );
      },
      { timeoutMs: 20_000, what: 'sickly to be active and healthy again' },
    );
    const pid = (await containers.inspect('sickly')).State.Pid;
    // Longer than any backoff this test reached (2 s): a due restart would show.
    await harness.waitForHeartbeats(6);

    expect((await harness.statusOf('sickly'))?.restarts).toBe(healthy.restarts);
    expect((await containers.inspect('sickly')).State.Pid).toBe(pid);
  });

  it('restarts an OOM-killed container, with cause oom', async () => {
    await waitFor(
      async () => (await harness.statusOf('greedy'))?.status === HmsStatus.Active,
      {
        what: 'greedy to be supervised',
      },
    );
    const triggeredAt = Date.now();

    containers.exec('greedy', 'busybox touch /tmp/grow');
    const restart = await harness.restartOf('greedy', 'oom');
    const fault = (await entriesOf('greedy')).find((entry) => entry.kind === 'fault');
    const engineSaw = await containers.eventsSince('greedy', triggeredAt);

    expect(restart.recoveryMs).toBeGreaterThan(0);
    expect(fault).toMatchObject({ cause: 'oom' });
    expect(fault?.message).toContain('OOM-killed, exit 137');
    expect((await containers.inspect('greedy')).State.Running).toBe(true);
    // What the engine (cgroup v1 here) reports: an oom event, then a die with 137.
    expect(engineSaw.map((event) => event.action)).toEqual(
      expect.arrayContaining(['oom', 'die', 'start']),
    );
    expect(engineSaw.find((event) => event.action === 'die')?.attributes.exitCode).toBe(
      '137',
    );
  });
});

function restartsIn(entries: readonly MonitorLogEntryDto[]): MonitorLogEntryDto[] {
  return entries.filter((entry) => entry.kind === 'restart');
}

/** For each restart, the ms from the fault entry before it to the restart itself. */
function faultToRestartWaits(entries: readonly MonitorLogEntryDto[]): number[] {
  let faultAt: number | undefined;
  const waits: number[] = [];

  for (const entry of entries) {
    if (entry.kind === 'fault') {
      faultAt = Date.parse(entry.at);
    } else if (entry.kind === 'restart' && faultAt !== undefined) {
      waits.push(Date.parse(entry.at) - faultAt);
      faultAt = undefined;
    }
  }

  return waits;
}
