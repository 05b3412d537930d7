/**
 * Why a supervised container needed a restart. Classified from the Docker
 * events and the container's state, never from the exit code alone.
 */
export const FaultCause = {
  /** Stopped on purpose (`docker stop`, the engine's SIGTERM then SIGKILL). */
  Stopped: 'stopped',

  /** Killed by a signal from outside (`docker kill`). */
  Killed: 'killed',

  /** Its main process exited by itself. */
  Crashed: 'crashed',

  /** The kernel's OOM killer ended it. */
  Oom: 'oom',

  /** Its Docker HEALTHCHECK turned unhealthy. */
  Unhealthy: 'unhealthy',

  /** Probe packet loss went above the host's threshold. */
  PacketLoss: 'packet-loss',
} as const;

export type FaultCause = (typeof FaultCause)[keyof typeof FaultCause];

export const FAULT_CAUSES: readonly FaultCause[] = Object.values(FaultCause);
