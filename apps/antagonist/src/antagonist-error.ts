/** Stable codes for everything the antagonist refuses or fails to do. */
export const AntagonistErrorCode = {
  NotConfigured: 'ANTAGONIST_NOT_CONFIGURED',
  HostNamespace: 'ANTAGONIST_HOST_NAMESPACE',
  ContainerNotRunning: 'ANTAGONIST_CONTAINER_NOT_RUNNING',
  CommandFailed: 'ANTAGONIST_COMMAND_FAILED',
  NoLossMethod: 'ANTAGONIST_NO_LOSS_METHOD',
} as const;

export type AntagonistErrorCode =
  (typeof AntagonistErrorCode)[keyof typeof AntagonistErrorCode];

/** Raised by the antagonist; `code` is what callers and tests match on. */
export class AntagonistError extends Error {
  constructor(
    readonly code: AntagonistErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AntagonistError';
  }
}
