import { ContainerStatusDto } from '@hms/contracts';

/**
 * Where a host stands from the controller's point of view.
 * - `waiting`: its manager has not been heard from since the host was added,
 *   or since the controller restarted and took the host back.
 * - `deploying`: the controller is starting a manager on it.
 * - `live`: heartbeats arrive.
 * - `unreachable`: heartbeats stopped for the configured number of periods.
 */
export const HostLiveness = {
  Waiting: 'waiting',
  Deploying: 'deploying',
  Live: 'live',
  Unreachable: 'unreachable',
} as const;

export type HostLiveness = (typeof HostLiveness)[keyof typeof HostLiveness];

/** What an operator asked a host's manager to do; re-sent when it announces. */
export interface DesiredHostConfig {
  threshold: number;

  /** Full container IDs on the ignore list. */
  ignored: string[];
}

/** Everything the controller knows about one host. */
export interface HostState extends HostStateExtras {
  readonly address: string;
  liveness: HostLiveness;
  desired: DesiredHostConfig;

  /** Threshold the manager last reported, which may lag `desired` while it is away. */
  reportedThreshold?: number;
  protocol?: number;
  managerStartedAt?: string;
  lastHeartbeatAt?: number;
  joinedAt: number;

  /** Revision of the monitor log the controller holds. */
  revision: number;

  /** Containers by short ID. */
  containers: Map<string, ContainerStatusDto>;
}

/** A container's other names, kept because an ignored one is listed by short ID only. */
export interface ContainerAlias {
  fullId?: string;
  name?: string;
}

/** Bytes of delta content received, against what the same content in full would weigh. */
export interface DeltaSavings {
  deltaReplies: number;
  deltaBytes: number;
  fullEquivalentBytes: number;
}

/**
 * Fields the platform state keeps beside HostState's core; optional so that a
 * HostState built elsewhere (tests, snapshots) stays valid.
 */
export interface HostStateExtras {
  /** The desired configuration changed or was never confirmed; it is re-sent on the next heartbeat. */
  configurePending?: boolean;

  /** False once the manager was retired and only reports. */
  acting?: boolean;

  /** Taken back from the saved desired state at start-up; its manager not heard from since. */
  restored?: boolean;

  /** Containers the manager counted in its last heartbeat. */
  reportedContainerCount?: number;

  /** Names and full IDs by short ID, so a container is found by name even while ignored. */
  aliases?: Map<string, ContainerAlias>;

  deltaSavings?: DeltaSavings;
}
