import { ContainerResponseDto } from '../src/containers/dto/container-response.dto';
import { ContainerSupervisionResponseDto } from '../src/containers/dto/container-supervision-response.dto';
import { ThresholdResponseDto } from '../src/containers/dto/threshold-response.dto';
import { TestPlatform } from './support/test-platform';

/**
 * Two real managers (two loopback "hosts") under the in-process controller,
 * on the real engine and broker: healing shows in GET /containers, thresholds
 * reach every manager or one, and ignored containers stay down.
 */
describe('controller with two managers', () => {
  const platform = new TestPlatform();
  const [hostA, hostB] = [platform.hostAddress(1), platform.hostAddress(2)];
  let webA1: string;
  let webA2: string;
  let webB1: string;

  beforeAll(async () => {
    ({ webA1, webA2, webB1 } = (await platform.startTwoHosts()).containers);
  });

  afterAll(() => platform.tearDown());

  it('lists the containers grouped by host, each host live', async () => {
    const [a, b] = await platform.api.containers();

    expect([a.liveness, b.liveness]).toEqual(['live', 'live']);
    expect(a.containers.map((container) => container.name).sort()).toEqual(
      [webA1, webA2].sort(),
    );
    expect(b.containers[0]).toEqual(
      expect.objectContaining({ name: webB1, status: 'active', state: 'running' }),
    );
  });

  it.each([
    ['docker stop', 'stopped', (name: string) => platform.containers.stop(name)],
    ['docker kill', 'killed', (name: string) => platform.containers.kill(name)],
  ])(
    'heals a container after %s and shows the restart with cause %s',
    async (_, cause, hit) => {
      const before = await platform.api.container(hostA, webA1);

      await hit(webA1);

      const healed = await waitForRestart(hostA, webA1, before);
      expect(healed.lastRestart).toEqual(expect.objectContaining({ cause }));
      expect(healed.lastFault).toEqual(expect.objectContaining({ cause }));
      expect(await platform.containers.isRunning(webA1)).toBe(true);
    },
  );

  it('sets the threshold of every manager with one fanout command', async () => {
    const { status, body } = await platform.api.post<ThresholdResponseDto>(
      '/containers?threshold=40',
    );

    expect(status).toBe(200);
    expect(body).toEqual({
      threshold: 40,
      hosts: [
        { address: hostA, delivery: 'applied' },
        { address: hostB, delivery: 'applied' },
      ],
    });
    // Each manager's own monitor log says it took the threshold.
    await waitForThresholdLogged(hostA, 40);
    await waitForThresholdLogged(hostB, 40);
  });

  it('sets the threshold of one manager only', async () => {
    const { status, body } = await platform.api.post<ThresholdResponseDto>(
      `/containers/${hostB}?threshold=15`,
    );

    expect(status).toBe(200);
    expect(body.hosts).toEqual([{ address: hostB, delivery: 'applied' }]);
    await waitForThresholdLogged(hostB, 15);

    const hosts = await platform.api.hosts();
    expect(hosts.map((host) => [host.desiredThreshold, host.reportedThreshold])).toEqual([
      [40, 40],
      [15, 15],
    ]);
    expect(await thresholdMessages(hostA)).not.toContainEqual(
      expect.stringContaining('15%'),
    );
  });

  it('leaves an ignored container stopped, and heals it once supervised again', async () => {
    const ignored = await platform.api.delete<ContainerSupervisionResponseDto>(
      `/containers/${hostA}/${webA2}`,
    );
    expect(ignored.status).toBe(200);
    expect(ignored.body).toEqual(
      expect.objectContaining({ name: webA2, status: 'ignored' }),
    );
    expect((await platform.api.container(hostA, webA2)).status).toBe('ignored');

    // webA1 is the witness: once its restart is listed, the manager has seen
    // both stops, so webA2 would have been restarted too if it were supervised.
    const witness = await platform.api.container(hostA, webA1);
    await Promise.all([platform.containers.stop(webA2), platform.containers.stop(webA1)]);
    await waitForRestart(hostA, webA1, witness);
    expect(await platform.containers.isRunning(webA2)).toBe(false);

    const supervised = await platform.api.put(`/containers/${hostA}/${webA2}`);
    expect(supervised.status).toBe(200);
    await platform.waitFor(() => platform.containers.isRunning(webA2), {
      what: `${webA2} restarted once supervised again`,
    });
    expect((await platform.api.host(hostA)).ignored).toEqual([]);
  });

  it('counts the traffic with each manager and what deltas saved', async () => {
    const { traffic, deltaSavings } = await platform.api.host(hostA);

    expect(traffic.messagesIn).toBeGreaterThan(0);
    expect(traffic.messagesOut).toBeGreaterThan(0);
    expect(traffic.bytesIn).toBeGreaterThan(traffic.messagesIn);
    expect(deltaSavings.deltaReplies).toBeGreaterThan(0);
    expect(deltaSavings.fullEquivalentBytes).toBeGreaterThan(deltaSavings.deltaBytes);
  });

  function waitForRestart(
    host: string,
    name: string,
    before: ContainerResponseDto,
  ): Promise<ContainerResponseDto> {
    return platform.waitFor(
      async () => {
        const container = await platform.api.container(host, name);
        const restarted = (container.restarts ?? 0) > (before.restarts ?? 0);

        return restarted && container.state === 'running' ? container : undefined;
      },
      { what: `${name} restarted after a fault` },
    );
  }

  async function thresholdMessages(host: string): Promise<string[]> {
    const events = await platform.api.events(host, 'threshold');

    return events.map((event) => event.message);
  }

  function waitForThresholdLogged(host: string, threshold: number): Promise<boolean> {
    return platform.waitFor(
      async () =>
        (await thresholdMessages(host)).some((message) =>
          message.includes(`${threshold}%`),
        ),
      { what: `the manager of ${host} logging threshold ${threshold}%` },
    );
  }
});
