import {
  engineSocketOf,
  managerContainerName,
  managerContainerOptions,
} from './manager-container-spec';

const SETTINGS = {
  address: '10.213.0.12',
  namespace: 'hms',
  image: 'hms/manager:latest',
  amqpUrl: 'amqp://hms:secret@10.213.0.1:5672',
  engineSocket: '/run/hms/docker-vm2.sock',
  expectedEngine: { id: 'vm2-engine-id', rootDir: '/var/lib/hms/vm2/docker' },
  heartbeatIntervalMs: 2000,
  logFormat: 'text' as const,
};

describe('managerContainerOptions', () => {
  it('runs the manager as docker/README.md documents: host network, NET_RAW only, the socket', () => {
    const options = managerContainerOptions(SETTINGS);

    expect(options.name).toBe('hms-manager-hms');
    expect(options.HostConfig).toEqual(
      expect.objectContaining({
        NetworkMode: 'host',
        Init: true,
        CapDrop: ['ALL'],
        CapAdd: ['NET_RAW'],
        ReadonlyRootfs: true,
        Mounts: [
          {
            Type: 'bind',
            Source: '/run/hms/docker-vm2.sock',
            Target: '/var/run/docker.sock',
          },
        ],
        RestartPolicy: { Name: 'no' },
      }),
    );
    expect(options.Labels).toEqual({
      'hms.ignore': 'true',
      'hms.role': 'manager',
      'hms.namespace': 'hms',
      'hms.host': '10.213.0.12',
    });
  });

  it('tells the manager its host, broker, namespace, engine and heartbeat period', () => {
    const { Env } = managerContainerOptions(SETTINGS);

    expect(Env).toEqual(
      expect.arrayContaining([
        'HMS_HOST_ADDRESS=10.213.0.12',
        'HMS_AMQP_URL=amqp://hms:secret@10.213.0.1:5672',
        'HMS_NAMESPACE=hms',
        'HMS_DOCKER_SOCKET=/var/run/docker.sock',
        'HMS_EXPECTED_ENGINE_ID=vm2-engine-id',
        'HMS_EXPECTED_ENGINE_ROOT=/var/lib/hms/vm2/docker',
        'HMS_HEARTBEAT_INTERVAL_MS=2000',
      ]),
    );
    expect(Env?.some((line) => line.startsWith('HMS_SCOPE_LABEL='))).toBe(false);
  });

  it('narrows the manager to a scope label when one is configured', () => {
    const { Env } = managerContainerOptions({
      ...SETTINGS,
      scopeLabel: 'hms.test=run-1',
    });

    expect(Env).toContain('HMS_SCOPE_LABEL=hms.test=run-1');
  });
});

describe('engineSocketOf', () => {
  it('mounts the socket of a unix endpoint, the usual one for TCP, or what was given', () => {
    expect(engineSocketOf('unix:///run/hms/docker-vm2.sock')).toBe(
      '/run/hms/docker-vm2.sock',
    );
    expect(engineSocketOf('/run/docker.sock')).toBe('/run/docker.sock');
    expect(engineSocketOf('tcp://10.213.0.12:2375')).toBe('/var/run/docker.sock');
    expect(engineSocketOf('tcp://10.213.0.12:2375', '/run/d.sock')).toBe('/run/d.sock');
  });

  it('names one manager per installation', () => {
    expect(managerContainerName('test-abc')).toBe('hms-manager-test-abc');
  });
});
