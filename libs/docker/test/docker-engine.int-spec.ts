import { randomBytes } from 'node:crypto';

import Dockerode from 'dockerode';

import { waitFor } from '@hms/testing';

import {
  ContainerEvent,
  DockerEngine,
  DockerError,
  DockerErrorCode,
  EventSubscription,
} from '../src';

const IDLE_IMAGE = 'hms/idle:latest';

/** Every container of this run carries this label and name prefix. */
const RUN_ID = `docker-int-${randomBytes(4).toString('hex')}`;
const RUN_LABEL = `hms.test=${RUN_ID}`;

describe('DockerEngine against the real engine', () => {
  const docker = new Dockerode({ socketPath: '/var/run/docker.sock' });
  const engine = new DockerEngine({ address: 'unix:///var/run/docker.sock' });
  const events: ContainerEvent[] = [];
  const streamEnds: DockerError[] = [];
  let subscription: EventSubscription;

  beforeAll(async () => {
    subscription = await engine.watchEvents(
      {
        onEvent: (event) => events.push(event),
        onEnd: (error) => streamEnds.push(error),
      },
      { labels: [RUN_LABEL] },
    );
  });

  afterAll(async () => {
    subscription?.close();
    await removeRunContainers(docker);
  });

  it('answers ping and version', async () => {
    await expect(engine.ping()).resolves.toBeUndefined();

    const version = await engine.version();

    expect(version.apiVersion).toMatch(/^\d+\.\d+$/);
  });

  it('lists a bridged container with its IPv4, pid and labels', async () => {
    const created = await runIdle(docker, 'bridged');

    const listed = await engine.listContainers({ labels: [RUN_LABEL] });
    const snapshot = listed.find((container) => container.id === created.id);

    expect(snapshot).toMatchObject({
      shortId: created.id.slice(0, 12),
      name: `${RUN_ID}-bridged`,
      image: IDLE_IMAGE,
      state: 'running',
      labels: expect.objectContaining({ 'hms.test': RUN_ID }),
    });
    expect(snapshot?.networks).toEqual([{ network: 'bridge', ipv4: expect.any(String) }]);
    expect(snapshot?.pid).toBeGreaterThan(0);
  });

  it('lists no address for a container on network none', async () => {
    const created = await runIdle(docker, 'isolated', 'none');

    const snapshot = await engine.inspectContainer(created.id);

    expect(snapshot.state).toBe('running');
    expect(snapshot.networks).toEqual([]);
  });

  it('inspects by name and short ID alike', async () => {
    const created = await runIdle(docker, 'named');

    const byName = await engine.inspectContainer(`${RUN_ID}-named`);
    const byShortId = await engine.inspectContainer(created.id.slice(0, 12));

    expect(byName.id).toBe(created.id);
    expect(byShortId.id).toBe(created.id);
  });

  it('reports a kill as kill and die events, and restarts the container', async () => {
    const created = await runIdle(docker, 'victim');

    await docker.getContainer(created.id).kill({ signal: 'SIGKILL' });
    const died = await waitFor(() => findEvent(events, created.id, 'die'), {
      what: 'die event',
    });
    const killed = findEvent(events, created.id, 'kill');

    expect(killed?.signal).toBe(9);
    expect(died.exitCode).toBe(137);
    expect((await engine.inspectContainer(created.id)).state).toBe('exited');

    await engine.restartContainer(created.id, 1);

    expect((await engine.inspectContainer(created.id)).state).toBe('running');
    await waitFor(() => findEvent(events, created.id, 'start', died.timeMs), {
      what: 'start event after the restart',
    });
  });

  it('starts a stopped container and tolerates starting a running one', async () => {
    const created = await runIdle(docker, 'sleeper');
    await docker.getContainer(created.id).stop({ t: 1 });

    await engine.startContainer(created.id);
    await engine.startContainer(created.id);

    expect((await engine.inspectContainer(created.id)).state).toBe('running');
  });

  it('says CONTAINER_NOT_FOUND for a container that does not exist', async () => {
    const inspecting = engine.inspectContainer(`${RUN_ID}-missing`);

    await expect(inspecting).rejects.toMatchObject({
      code: DockerErrorCode.ContainerNotFound,
    });
  });

  it('says ENGINE_UNREACHABLE for a socket nobody listens on', async () => {
    const nowhere = new DockerEngine({ address: `/tmp/${RUN_ID}-no-engine.sock` });

    await expect(nowhere.ping()).rejects.toMatchObject({
      code: DockerErrorCode.EngineUnreachable,
    });
  });

  it('kept the events stream open throughout', () => {
    expect(streamEnds).toEqual([]);
  });
});

async function runIdle(docker: Dockerode, suffix: string, network = 'bridge') {
  const container = await docker.createContainer({
    Image: IDLE_IMAGE,
    name: `${RUN_ID}-${suffix}`,
    Labels: { 'hms.test': RUN_ID },
    HostConfig: { NetworkMode: network },
  });
  await container.start();

  return container;
}

function findEvent(
  events: readonly ContainerEvent[],
  id: string,
  action: string,
  afterMs = 0,
): ContainerEvent | undefined {
  return events.find((e) => e.id === id && e.action === action && e.timeMs >= afterMs);
}

/** Removes only the containers this run created, found by its own label. */
async function removeRunContainers(docker: Dockerode): Promise<void> {
  const mine = await docker.listContainers({
    all: true,
    filters: { label: [RUN_LABEL] },
  });

  await Promise.all(mine.map((c) => docker.getContainer(c.Id).remove({ force: true })));
}
