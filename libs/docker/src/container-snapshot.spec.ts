import type { ContainerInspectInfo } from 'dockerode';

import { snapshotFromInspect } from './container-snapshot';

const FULL_ID = '8db94990d2a1c0ffee0123456789abcdef0123456789abcdef0123456789abcd';

function inspectInfo(overrides: {
  state?: Partial<ContainerInspectInfo['State']>;
  networks?: Record<string, { IPAddress: string }>;
}): ContainerInspectInfo {
  return {
    Id: FULL_ID,
    Name: '/web-1',
    Image: 'sha256:770380b9535a',
    Config: { Image: 'hms/idle:latest', Labels: { 'hms.test': 'abc' } },
    State: {
      Status: 'running',
      Pid: 4242,
      ExitCode: 0,
      OOMKilled: false,
      StartedAt: '2025-01-02T03:04:05.123Z',
      FinishedAt: '0001-01-01T00:00:00Z',
      ...overrides.state,
    },
    NetworkSettings: {
      Networks: overrides.networks ?? { bridge: { IPAddress: '172.17.0.2' } },
    },
  } as unknown as ContainerInspectInfo;
}

describe('snapshotFromInspect', () => {
  it('reads identity, image, labels and the running state', () => {
    const snapshot = snapshotFromInspect(inspectInfo({}));

    expect(snapshot).toEqual({
      id: FULL_ID,
      shortId: '8db94990d2a1',
      name: 'web-1',
      image: 'hms/idle:latest',
      state: 'running',
      labels: { 'hms.test': 'abc' },
      networks: [{ network: 'bridge', ipv4: '172.17.0.2' }],
      pid: 4242,
      exitCode: 0,
      oomKilled: false,
      startedAt: '2025-01-02T03:04:05.123Z',
    });
  });

  it('keeps only networks that gave the container an IPv4 address', () => {
    const snapshot = snapshotFromInspect(
      inspectInfo({
        networks: { none: { IPAddress: '' }, backend: { IPAddress: '10.9.0.3' } },
      }),
    );

    expect(snapshot.networks).toEqual([{ network: 'backend', ipv4: '10.9.0.3' }]);
  });

  it('reads an exited, OOM-killed container with its health and finish time', () => {
    const snapshot = snapshotFromInspect(
      inspectInfo({
        state: {
          Status: 'exited',
          Pid: 0,
          ExitCode: 137,
          OOMKilled: true,
          FinishedAt: '2025-01-02T03:05:00Z',
          Health: { Status: 'unhealthy', FailingStreak: 3, Log: [] },
        },
      }),
    );

    expect(snapshot).toMatchObject({
      state: 'exited',
      pid: 0,
      exitCode: 137,
      oomKilled: true,
      health: 'unhealthy',
      finishedAt: '2025-01-02T03:05:00Z',
    });
  });

  it('reads a state it does not know as dead', () => {
    const snapshot = snapshotFromInspect(
      inspectInfo({ state: { Status: 'hibernating' } }),
    );

    expect(snapshot.state).toBe('dead');
  });
});
