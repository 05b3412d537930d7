export const HistoryErrorCode = {
  /** The SQLite file cannot be created, opened or migrated. */
  DatabaseUnavailable: 'HISTORY_DATABASE_UNAVAILABLE',

  /** HistoryModule was given options it cannot work with. */
  OptionsInvalid: 'HISTORY_OPTIONS_INVALID',

  /** An event to record lacks what the history needs (a time, a host, a message). */
  EventInvalid: 'HISTORY_EVENT_INVALID',

  /** An event arrived after the database was closed at shutdown. */
  Closed: 'HISTORY_CLOSED',
} as const;

export type HistoryErrorCode = (typeof HistoryErrorCode)[keyof typeof HistoryErrorCode];

/** Anything that goes wrong with the controller's event history. */
export class HistoryError extends Error {
  constructor(
    readonly code: HistoryErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'HistoryError';
  }
}
