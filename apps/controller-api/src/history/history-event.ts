import { FaultCause } from '@hms/contracts';

/** Kinds of events the controller keeps in its history. */
export const HistoryEventKind = {
  Fault: 'fault',
  Restart: 'restart',
  RestartFailed: 'restart-failed',
  Ignored: 'ignored',
  Supervised: 'supervised',
  Threshold: 'threshold',
  HostJoined: 'host-joined',
  HostLeft: 'host-left',
  HostUnreachable: 'host-unreachable',
  HostRecovered: 'host-recovered',

  /** A host's manager announced itself anew: it restarted, whoever restarted it. */
  ManagerRestarted: 'manager-restarted',

  /** The controller restarted or redeployed a manager it had deployed and found silent. */
  ManagerRedeployed: 'manager-redeployed',

  /** It tried and failed; the message says why and when it tries again. */
  ManagerRedeployFailed: 'manager-redeploy-failed',
  Attack: 'attack',
} as const;

export type HistoryEventKind = (typeof HistoryEventKind)[keyof typeof HistoryEventKind];

export const HISTORY_EVENT_KINDS: readonly HistoryEventKind[] =
  Object.values(HistoryEventKind);

/** One event as it is recorded; `id` and `at` are set by the history. */
export interface HistoryEventInput {
  kind: HistoryEventKind;
  host: string;

  /** When it happened (ms since epoch); defaults to now. */
  at?: number;
  containerId?: string;
  containerName?: string;
  cause?: FaultCause;
  recoveryMs?: number;
  message: string;
}

export interface HistoryEvent extends HistoryEventInput {
  id: number;
  at: number;
}

/** Which events a history query returns; every field narrows the result. */
export interface HistoryEventFilter {
  host?: string;

  /** Short ID, full ID or name of the container. */
  containerId?: string;
  kinds?: readonly HistoryEventKind[];

  /** Earliest `at` included (ms since epoch). */
  from?: number;

  /** Latest `at` included (ms since epoch). */
  to?: number;

  /** @default 100, at most 1000 */
  limit?: number;
}

/** One page of a history query, newest first, with the count of all matches. */
export interface HistoryEventPage {
  events: HistoryEvent[];
  total: number;
}

/** How many events one query returns when it does not say, and at most. */
export const EVENT_LIMIT = { default: 100, max: 1000 } as const;
