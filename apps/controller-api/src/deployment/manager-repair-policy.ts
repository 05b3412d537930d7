import { HostLiveness } from '../platform/host-state';

/** How often a deployed manager that stays silent is restarted. */
export interface RepairLimits {
  /** Time a (re)started manager has to announce itself before it is tried again. */
  readonly startGraceMs: number;

  /** Longest wait between two attempts on one host. */
  readonly maxBackoffMs: number;
}

/** Attempts on one host since it was last live. */
export interface RepairRecord {
  attempts: number;
  lastAttemptAt: number;
}

/**
 * Whether a deployed manager needs the controller now. An unreachable one
 * does; one that never announced itself (still deploying, or waiting since
 * the controller restarted) does once it had `since` + the start grace. After
 * each attempt the wait doubles, from the start grace up to the maximum, so a
 * host whose manager cannot run is not restarted in a loop.
 */
export function repairIsDue(
  liveness: HostLiveness,
  since: number,
  record: RepairRecord | undefined,
  now: number,
  limits: RepairLimits,
): boolean {
  if (liveness === HostLiveness.Live) {
    return false;
  }
  if (record !== undefined) {
    return now - record.lastAttemptAt >= backoffMs(record.attempts, limits);
  }

  return liveness === HostLiveness.Unreachable || now - since >= limits.startGraceMs;
}

export function backoffMs(attempts: number, limits: RepairLimits): number {
  const doublings = Math.min(Math.max(attempts - 1, 0), 20);

  return Math.min(limits.startGraceMs * 2 ** doublings, limits.maxBackoffMs);
}
