import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { HostRemovalResponseDto } from '../src/hosts/dto/host-removal-response.dto';
import { ManagerProcess } from './support/manager-process';
import { HEARTBEAT_INTERVAL_MS, TestPlatform } from './support/test-platform';

/**
 * What an operator set survives a controller restart: the controller is
 * closed and started again on the same database file, with the real managers
 * running on, then a manager restarts and gets its configuration back from
 * the restarted controller.
 */
describe('desired configuration across a controller restart', () => {
  const platform = new TestPlatform();
  const [hostA, hostB] = [platform.hostAddress(1), platform.hostAddress(2)];
  const waitingHost = platform.hostAddress(99);
  const folder = mkdtempSync(join(tmpdir(), 'hms-desired-state-'));
  let managerA: ManagerProcess;
  let managerB: ManagerProcess;
  let webA2: string;
  let ignoredBefore: string[];

  beforeAll(async () => {
    const { managers, containers } = await platform.startTwoHosts({
      HMS_HISTORY_DB: join(folder, 'controller.sqlite'),
    });
    [managerA, managerB] = [managers.a, managers.b];
    webA2 = containers.webA2;
  });

  afterAll(async () => {
    await platform.tearDown();
    rmSync(folder, { recursive: true, force: true });
  });

  it('holds the hosts, thresholds and ignore lists set before the restart', async () => {
    expect((await platform.api.post(`/containers/${hostA}?threshold=12`)).status).toBe(
      200,
    );
    expect((await platform.api.delete(`/containers/${hostA}/${webA2}`)).status).toBe(200);
    expect((await platform.api.put(`/containers/${waitingHost}`)).status).toBe(201);
    await removeWhileSilent(managerB, hostB);
    ignoredBefore = (await platform.api.host(hostA)).ignored;

    await platform.restartController();

    const hosts = await platform.api.hosts();
    expect(hosts.map((host) => host.address)).toEqual([hostA, waitingHost]);
    expect(hosts[0]).toEqual(
      expect.objectContaining({ desiredThreshold: 12, ignored: ignoredBefore }),
    );
    expect(ignoredBefore).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
    expect(hosts[1]).toEqual(
      expect.objectContaining({ liveness: 'waiting', desiredThreshold: 25, ignored: [] }),
    );
  });

  it('takes a running manager back from its heartbeats and configures it', async () => {
    const host = await platform.waitFor(
      async () => {
        const a = await platform.api.host(hostA);

        return a.liveness === 'live' && !a.configurationPending && a.revision > 0
          ? a
          : undefined;
      },
      { what: `${hostA} live and configured by the restarted controller` },
    );

    expect(host.reportedThreshold).toBe(12);
    expect((await platform.api.container(hostA, webA2)).status).toBe('ignored');
    const joined = await platform.api.events(hostA, 'host-joined');
    expect(joined[0].message).toContain('after the controller restarted');
  });

  it('does not record the monitor log it read before the restart a second time', async () => {
    const logged = await platform.api.events(hostA, 'ignored', 'threshold');
    const keys = logged.map((event) => `${event.at} ${event.kind} ${event.message}`);

    expect(logged.length).toBeGreaterThanOrEqual(2);
    expect(keys).toEqual([...new Set(keys)]);
  });

  it('keeps a host that never announced itself waiting', async () => {
    expect(await platform.api.host(waitingHost)).toEqual(
      expect.objectContaining({ liveness: 'waiting', containerCount: 0 }),
    );
  });

  it('keeps a removed host out although its manager still beats', async () => {
    await heartbeatsOf(hostA, 4);

    expect((await platform.api.get(`/hosts/${hostB}`)).status).toBe(404);
    expect(managerB.recentOutput()).not.toContain('retired');
  });

  it('gives a manager restarted afterwards its threshold and ignore list back', async () => {
    const replaced = await platform.replaceManager(1, managerA);
    managerA = replaced.manager;
    const after = replaced.host;
    expect(after).toEqual(
      expect.objectContaining({
        desiredThreshold: 12,
        reportedThreshold: 12,
        ignored: ignoredBefore,
      }),
    );

    // The new manager's own content and monitor log say so.
    await platform.waitFor(
      async () => (await platform.api.container(hostA, webA2)).status === 'ignored',
      { what: `${webA2} listed as ignored by the new manager` },
    );
    await platform.waitFor(
      async () =>
        (await platform.api.events(hostA, 'threshold')).some(
          (event) =>
            /25% -> 12%/.test(event.message) &&
            Date.parse(event.at) >= Date.parse(after.managerStartedAt ?? ''),
        ),
      { what: `the new manager of ${hostA} logging threshold 25% -> 12%` },
    );
  });

  /**
   * Removes a host once its paused manager is marked unreachable, so no
   * retirement is sent and the manager, resumed, beats on as an acting one.
   */
  async function removeWhileSilent(manager: ManagerProcess, address: string) {
    manager.pause();
    try {
      await platform.waitFor(
        async () => (await platform.api.host(address)).liveness === 'unreachable',
        { what: `${address} marked unreachable` },
      );
      const removed = await platform.api.delete<HostRemovalResponseDto>(
        `/containers/${address}`,
      );

      expect(removed.status).toBe(200);
      expect(removed.body.retired).toBe(false);
    } finally {
      manager.resume();
    }
  }

  /** Waits until `count` heartbeat periods of a live host went by, its beats as the clock. */
  async function heartbeatsOf(address: string, count: number): Promise<void> {
    const first = (await platform.api.host(address)).lastHeartbeatAt ?? '';

    await platform.waitFor(
      async () => {
        const host = await platform.api.host(address);

        return (
          Date.parse(host.lastHeartbeatAt ?? '') - Date.parse(first) >
          count * HEARTBEAT_INTERVAL_MS
        );
      },
      { what: `${count} heartbeats of ${address}` },
    );
  }
});
