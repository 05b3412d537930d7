import { HostRemovalResponseDto } from '../src/hosts/dto/host-removal-response.dto';
import { HostResponseDto } from '../src/hosts/dto/host-response.dto';
import { HEARTBEAT_INTERVAL_MS, TestPlatform } from './support/test-platform';

/** Adding and removing hosts through PUT and DELETE /containers/{address}. */
describe('host membership', () => {
  const platform = new TestPlatform();
  const host = platform.hostAddress(1);
  const unknownHost = platform.hostAddress(99);

  beforeAll(async () => {
    await platform.startController();
    await platform.createContainer(1, 'web-1');
    platform.startManager(1);

    await platform.waitFor(
      async () => (await platform.api.hosts()).some((h) => h.containerCount > 0),
      { what: `${host} live with its container` },
    );
  });

  afterAll(() => platform.tearDown());

  it('adds a host as waiting (201), and a second PUT changes nothing (200)', async () => {
    const added = await platform.api.put<HostResponseDto>(`/containers/${unknownHost}`);
    const again = await platform.api.put<HostResponseDto>(`/containers/${unknownHost}`);

    expect(added.status).toBe(201);
    expect(added.body).toEqual(
      expect.objectContaining({
        address: unknownHost,
        liveness: 'waiting',
        desiredThreshold: 25,
      }),
    );
    expect(again.status).toBe(200);
    expect(again.body.joinedAt).toBe(added.body.joinedAt);
    expect((await platform.api.containersOf(unknownHost)).containers).toEqual([]);
  });

  it('removes a waiting host without waiting for its absent manager', async () => {
    const removed = await platform.api.delete<HostRemovalResponseDto>(
      `/containers/${unknownHost}`,
    );

    expect(removed.status).toBe(200);
    expect(removed.body).toEqual(
      expect.objectContaining({ address: unknownHost, retired: false }),
    );
    expect((await platform.api.get(`/hosts/${unknownHost}`)).status).toBe(404);
  });

  it('retires the manager of a removed live host and ignores its heartbeats afterwards', async () => {
    const removed = await platform.api.delete<HostRemovalResponseDto>(
      `/containers/${host}`,
    );

    expect(removed.status).toBe(200);
    expect(removed.body.retired).toBe(true);

    // The retired manager keeps beating; a few periods later it is still out.
    const since = Date.now();
    await platform.waitFor(async () => Date.now() - since > 4 * HEARTBEAT_INTERVAL_MS, {
      what: 'four heartbeat periods',
    });
    expect((await platform.api.get(`/hosts/${host}`)).status).toBe(404);
    expect(await platform.api.events(host, 'host-left')).toHaveLength(1);
  });
});
