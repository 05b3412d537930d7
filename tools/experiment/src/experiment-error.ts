/** Stable codes of what stops an experiment. */
export const ExperimentErrorCode = {
  BadOption: 'EXPERIMENT_BAD_OPTION',
  NotReady: 'EXPERIMENT_NOT_READY',
  AppExited: 'EXPERIMENT_APP_EXITED',
  RequestFailed: 'EXPERIMENT_REQUEST_FAILED',
  Interrupted: 'EXPERIMENT_INTERRUPTED',
} as const;

export type ExperimentErrorCode =
  (typeof ExperimentErrorCode)[keyof typeof ExperimentErrorCode];

/** Raised by the experiment; the message says what to do about it. */
export class ExperimentError extends Error {
  constructor(
    readonly code: ExperimentErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ExperimentError';
  }
}
