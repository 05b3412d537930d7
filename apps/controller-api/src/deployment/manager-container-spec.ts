import { EngineIdentity, parseEngineAddress } from '@hms/docker';
import type { ContainerCreateOptions } from 'dockerode';

/** Where the engine's socket is on a host when its endpoint does not say. */
export const DEFAULT_ENGINE_SOCKET = '/var/run/docker.sock';

/** Labels of every manager container the controller deploys. */
export const MANAGER_LABELS = {
  ignore: 'hms.ignore',
  role: 'hms.role',
  namespace: 'hms.namespace',
  host: 'hms.host',
} as const;

/** Everything that makes one host's manager container. */
export interface ManagerContainerSettings {
  readonly address: string;
  readonly namespace: string;
  readonly image: string;
  readonly amqpUrl: string;

  /** The engine's socket on the host itself, mounted as /var/run/docker.sock. */
  readonly engineSocket: string;

  /** The engine deployed through: the manager stops on any other. */
  readonly expectedEngine: Pick<EngineIdentity, 'id' | 'rootDir'>;
  readonly heartbeatIntervalMs: number;
  readonly scopeLabel?: string;
  readonly logFormat: 'text' | 'json';
}

/**
 * One manager per host and installation: the namespace in the name lets two
 * installations sharing a broker deploy on the same host without clashing.
 */
export function managerContainerName(namespace: string): string {
  return `hms-manager-${namespace}`;
}

/**
 * The socket the manager mounts: the path of a unix endpoint is the same on
 * the host; a TCP endpoint says nothing of it, so the usual path is assumed.
 */
export function engineSocketOf(engine: string, explicit?: string): string {
  if (explicit !== undefined) {
    return explicit;
  }
  const address = parseEngineAddress(engine);

  return 'socketPath' in address ? address.socketPath : DEFAULT_ENGINE_SOCKET;
}

/**
 * The container docker/README.md documents: the host's network (it probes
 * the engine's bridges and reaches the broker as the host does), NET_RAW as
 * its only capability, the engine socket, tini as PID 1 so SIGTERM stops it
 * cleanly. No restart policy: the controller restarts it and records that.
 * The socket is a mount, not a bind: a missing source then fails the
 * creation instead of the engine making an empty folder of that name.
 */
export function managerContainerOptions(
  settings: ManagerContainerSettings,
): ContainerCreateOptions {
  const env = [
    `HMS_AMQP_URL=${settings.amqpUrl}`,
    `HMS_NAMESPACE=${settings.namespace}`,
    `HMS_HOST_ADDRESS=${settings.address}`,
    'HMS_DOCKER_SOCKET=/var/run/docker.sock',
    `HMS_EXPECTED_ENGINE_ID=${settings.expectedEngine.id}`,
    `HMS_EXPECTED_ENGINE_ROOT=${settings.expectedEngine.rootDir}`,
    `HMS_HEARTBEAT_INTERVAL_MS=${settings.heartbeatIntervalMs}`,
    `HMS_LOG_FORMAT=${settings.logFormat}`,
  ];
  if (settings.scopeLabel !== undefined) {
    env.push(`HMS_SCOPE_LABEL=${settings.scopeLabel}`);
  }

  return {
    name: managerContainerName(settings.namespace),
    Image: settings.image,
    Env: env,
    Labels: {
      [MANAGER_LABELS.ignore]: 'true',
      [MANAGER_LABELS.role]: 'manager',
      [MANAGER_LABELS.namespace]: settings.namespace,
      [MANAGER_LABELS.host]: settings.address,
    },
    HostConfig: {
      NetworkMode: 'host',
      Init: true,
      CapDrop: ['ALL'],
      CapAdd: ['NET_RAW'],
      SecurityOpt: ['no-new-privileges'],
      ReadonlyRootfs: true,
      Tmpfs: { '/tmp': '' },
      Mounts: [
        {
          Type: 'bind',
          Source: settings.engineSocket,
          Target: '/var/run/docker.sock',
        },
      ],
      RestartPolicy: { Name: 'no' },
    },
  };
}
