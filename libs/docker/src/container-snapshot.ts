import type { ContainerInspectInfo } from 'dockerode';

/** Docker's own state of a container. */
export type ContainerState =
  'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

/** Docker HEALTHCHECK status, for images that declare one. */
export type HealthStatus = 'starting' | 'healthy' | 'unhealthy';

export interface NetworkAddress {
  readonly network: string;
  readonly ipv4: string;
}

/** A container as it was when the engine was asked: plain data, no handles. */
export interface ContainerSnapshot {
  /** Full 64 hex digit ID. */
  readonly id: string;

  /** First 12 hex digits, as `docker ps` shows it. */
  readonly shortId: string;

  /** Name without the leading slash. */
  readonly name: string;

  /** Image as the container was created from it, e.g. `hms/idle:latest`. */
  readonly image: string;
  readonly state: ContainerState;
  readonly health?: HealthStatus;
  readonly labels: Readonly<Record<string, string>>;

  /** Only networks with an IPv4 address: `none` and `host` have none. */
  readonly networks: readonly NetworkAddress[];

  /** Main process ID on the host; 0 when not running. */
  readonly pid: number;
  readonly exitCode: number;
  readonly oomKilled: boolean;

  /** ISO 8601; absent when it never started. */
  readonly startedAt?: string;

  /** ISO 8601; absent when it never stopped. */
  readonly finishedAt?: string;
}

export const SHORT_ID_LENGTH = 12;

const CONTAINER_STATES: readonly ContainerState[] = [
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
];

const HEALTH_STATUSES: readonly HealthStatus[] = ['starting', 'healthy', 'unhealthy'];

/** Docker's zero time, which it reports for "never". */
const DOCKER_ZERO_TIME = '0001-01-01T00:00:00Z';

export function shortContainerId(id: string): string {
  return id.slice(0, SHORT_ID_LENGTH);
}

/** Turns `docker inspect` output into a snapshot. */
export function snapshotFromInspect(info: ContainerInspectInfo): ContainerSnapshot {
  const state = info.State;
  const health = healthStatus(state.Health?.Status);
  const startedAt = dockerTime(state.StartedAt);
  const finishedAt = dockerTime(state.FinishedAt);

  return {
    id: info.Id,
    shortId: shortContainerId(info.Id),
    name: info.Name.replace(/^\//, ''),
    image: info.Config?.Image ?? info.Image,
    state: containerState(state.Status),
    ...(health && { health }),
    labels: { ...(info.Config?.Labels ?? {}) },
    networks: ipv4Addresses(info.NetworkSettings?.Networks ?? {}),
    pid: state.Pid ?? 0,
    exitCode: state.ExitCode ?? 0,
    oomKilled: state.OOMKilled === true,
    ...(startedAt && { startedAt }),
    ...(finishedAt && { finishedAt }),
  };
}

function ipv4Addresses(
  networks: Record<string, { IPAddress?: string }>,
): NetworkAddress[] {
  return Object.entries(networks)
    .filter(
      ([, settings]) =>
        typeof settings.IPAddress === 'string' && settings.IPAddress !== '',
    )
    .map(([network, settings]) => ({ network, ipv4: settings.IPAddress as string }))
    .sort((a, b) => a.network.localeCompare(b.network));
}

/** An unknown state (a newer engine) reads as dead: not running, not healthy. */
function containerState(status: string | undefined): ContainerState {
  return CONTAINER_STATES.find((known) => known === status) ?? 'dead';
}

function healthStatus(status: string | undefined): HealthStatus | undefined {
  return HEALTH_STATUSES.find((known) => known === status);
}

function dockerTime(text: string | undefined): string | undefined {
  if (text === undefined || text === '' || text === DOCKER_ZERO_TIME) {
    return undefined;
  }

  return text;
}
