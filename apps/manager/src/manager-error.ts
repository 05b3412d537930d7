/** Stable codes for what can go wrong inside a manager. */
export const ManagerErrorCode = {
  /** The raw ICMP socket could not be opened: not root, no CAP_NET_RAW. */
  RawSocketDenied: 'RAW_SOCKET_DENIED',

  /** The engine socket given is not the engine's the manager was deployed through. */
  EngineMismatch: 'ENGINE_MISMATCH',

  /** A probe could not run at all (as opposed to packets being lost). */
  ProbeFailed: 'PROBE_FAILED',

  /** A command named a container this manager does not know. */
  UnknownContainer: 'UNKNOWN_CONTAINER',

  /** A command asked for something the container's labels forbid. */
  LabelIgnored: 'LABEL_IGNORED',
} as const;

export type ManagerErrorCode = (typeof ManagerErrorCode)[keyof typeof ManagerErrorCode];

export class ManagerError extends Error {
  constructor(
    readonly code: ManagerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ManagerError';
  }
}
