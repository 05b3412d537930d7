import { ApiErrorDto } from '@hms/contracts';

import { HostRemovalResponseDto } from '../src/hosts/dto/host-removal-response.dto';
import { HostResponseDto } from '../src/hosts/dto/host-response.dto';
import { ManagerProcess } from './support/manager-process';
import {
  HEARTBEAT_INTERVAL_MS,
  RPC_TIMEOUT_MS,
  TestPlatform,
} from './support/test-platform';

/**
 * What the controller does when a manager restarts or goes silent: the
 * configuration an operator set survives, and a silent manager is named,
 * marked unreachable and brought up to date when it is back.
 */
describe('managers that restart or go silent', () => {
  const platform = new TestPlatform();
  const [hostA, hostB] = [platform.hostAddress(1), platform.hostAddress(2)];
  let managerA: ManagerProcess;
  let managerB: ManagerProcess;
  let webA1: string;
  let webA2: string;

  beforeAll(async () => {
    const { managers, containers } = await platform.startTwoHosts();
    [managerA, managerB] = [managers.a, managers.b];
    ({ webA1, webA2 } = containers);
  });

  afterAll(() => platform.tearDown());

  it('gives a restarted manager its threshold and ignore list back', async () => {
    expect((await platform.api.post(`/containers/${hostA}?threshold=12`)).status).toBe(
      200,
    );
    expect((await platform.api.delete(`/containers/${hostA}/${webA2}`)).status).toBe(200);
    const replaced = await platform.replaceManager(1, managerA);
    managerA = replaced.manager;
    const after = replaced.host;
    expect(after).toEqual(
      expect.objectContaining({
        liveness: 'live',
        desiredThreshold: 12,
        reportedThreshold: 12,
      }),
    );
    expect(after.ignored).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);

    // The new manager's own content and log say so, not only the controller's bookkeeping.
    await platform.waitFor(
      async () => (await platform.api.container(hostA, webA2)).status === 'ignored',
      { what: `${webA2} listed as ignored by the new manager` },
    );
    const events = await platform.api.events(hostA, 'manager-restarted', 'threshold');
    expect(events.map((event) => event.kind)).toContain('manager-restarted');
    expect(events.some((event) => /25% -> 12%/.test(event.message))).toBe(true);
  });

  it('answers 504 naming a silent manager, records the threshold, delivers it when it is back', async () => {
    managerB.pause();
    try {
      const started = Date.now();
      const { status, body } = await platform.api.post<ApiErrorDto>(
        `/containers/${hostB}?threshold=33`,
      );

      expect(Date.now() - started).toBeGreaterThanOrEqual(RPC_TIMEOUT_MS - 100);
      expect(status).toBe(504);
      expect(body).toEqual(
        expect.objectContaining({ statusCode: 504, code: 'MANAGER_SILENT' }),
      );
      expect(body.message).toContain(hostB);
      expect(body.message).toContain('recorded');
      expect(await platform.api.host(hostB)).toEqual(
        expect.objectContaining({ desiredThreshold: 33, configurationPending: true }),
      );
      await platform.waitFor(
        async () => (await platform.api.host(hostB)).liveness === 'unreachable',
        { what: `${hostB} marked unreachable` },
      );
    } finally {
      managerB.resume();
    }

    const back = await platform.waitFor(
      async () => {
        const host = await platform.api.host(hostB);

        return host.liveness === 'live' && !host.configurationPending ? host : undefined;
      },
      { what: `${hostB} back and configured` },
    );
    expect(back.reportedThreshold).toBe(33);
    await platform.waitFor(
      async () => {
        const events = await platform.api.events(hostB);
        const kinds = events.map((event) => event.kind);
        const applied = events.some((event) => /-> 33%/.test(event.message));

        return (
          applied &&
          kinds.includes('host-unreachable') &&
          kinds.includes('host-recovered')
        );
      },
      { what: `the manager of ${hostB} logging threshold 33% after its recovery` },
    );
  });

  it('answers a fanout with 504 naming only the silent host; the others applied it', async () => {
    managerB.pause();
    try {
      const { status, body } = await platform.api.post<ApiErrorDto>(
        '/containers?threshold=44',
      );

      expect(status).toBe(504);
      expect(body.message).toContain(hostB);
      expect(body.message).not.toContain(hostA);
    } finally {
      managerB.resume();
    }

    const [a, b] = await platform.api.hosts();
    expect([a.desiredThreshold, b.desiredThreshold]).toEqual([44, 44]);
    expect(a).toEqual(
      expect.objectContaining({ reportedThreshold: 44, configurationPending: false }),
    );
    await platform.waitFor(
      async () => {
        const host = await platform.api.host(hostB);

        return host.reportedThreshold === 44 && !host.configurationPending;
      },
      { what: `${hostB} given threshold 44% once it answers again` },
    );
  });

  it('keeps healing on the restarted manager', async () => {
    const before = await platform.api.container(hostA, webA1);

    await platform.containers.stop(webA1);

    const healed = await platform.waitFor(
      async () => {
        const container = await platform.api.container(hostA, webA1);
        const restarted = (container.restarts ?? 0) > (before.restarts ?? 0);

        return restarted && container.state === 'running' ? container : undefined;
      },
      { what: `${webA1} healed by the new manager` },
    );
    expect(healed.lastRestart?.cause).toBe('stopped');
  });

  it('keeps a removed host out while its unretired manager beats, until it is added again', async () => {
    managerB.pause();
    try {
      const removed = await platform.api.delete<HostRemovalResponseDto>(
        `/containers/${hostB}`,
      );

      expect(removed.status).toBe(200);
      expect(removed.body.retired).toBe(false);
    } finally {
      managerB.resume();
    }

    // Host A's heartbeats are the clock: after four of its beats, host B's
    // manager, still acting, has beaten too, and must not have come back.
    const beatA = (await platform.api.host(hostA)).lastHeartbeatAt ?? '';
    await platform.waitFor(
      async () => {
        const host = await platform.api.host(hostA);

        return (
          Date.parse(host.lastHeartbeatAt ?? '') - Date.parse(beatA) >
          4 * HEARTBEAT_INTERVAL_MS
        );
      },
      { what: `four heartbeats of ${hostA}` },
    );
    expect((await platform.api.get(`/hosts/${hostB}`)).status).toBe(404);

    const added = await platform.api.put<HostResponseDto>(`/containers/${hostB}`);
    expect(added.status).toBe(201);
    expect(added.body.liveness).toBe('waiting');
    await platform.waitFor(
      async () => {
        const host = await platform.api.host(hostB);

        return (
          host.liveness === 'live' &&
          !host.configurationPending &&
          host.containerCount > 0
        );
      },
      { what: `${hostB} joined again from its manager's heartbeat and configured` },
    );
  });
});
