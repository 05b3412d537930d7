import { HistoryError, HistoryErrorCode } from './history-error';

/** How HistoryModule stores its events and how many it keeps. */
export interface HistoryModuleOptions {
  /**
   * SQLite file holding the events; its folder is created when missing.
   * `:memory:` keeps them in memory only, for tests.
   */
  databasePath: string;

  /** Events older than this many days are deleted. @default 30 */
  retentionDays?: number;

  /** Only the newest this many events are kept. @default 100000 */
  maxEvents?: number;
}

export type ResolvedHistoryOptions = Required<HistoryModuleOptions>;

export const DEFAULT_RETENTION_DAYS = 30;
export const DEFAULT_MAX_EVENTS = 100_000;

/** Fills in the defaults and refuses values that would keep nothing or never prune. */
export function resolveHistoryOptions(
  options: HistoryModuleOptions,
): ResolvedHistoryOptions {
  const resolved = {
    databasePath: options.databasePath,
    retentionDays: options.retentionDays ?? DEFAULT_RETENTION_DAYS,
    maxEvents: options.maxEvents ?? DEFAULT_MAX_EVENTS,
  };

  const problems = [
    typeof resolved.databasePath === 'string' && resolved.databasePath.trim() !== ''
      ? undefined
      : 'databasePath must be a file path or :memory:',
    isPositiveNumber(resolved.retentionDays)
      ? undefined
      : 'retentionDays must be above 0',
    Number.isInteger(resolved.maxEvents) && resolved.maxEvents > 0
      ? undefined
      : 'maxEvents must be a whole number above 0',
  ].filter((problem) => problem !== undefined);

  if (problems.length > 0) {
    throw new HistoryError(
      HistoryErrorCode.OptionsInvalid,
      `HistoryModule options are invalid: ${problems.join('; ')}`,
    );
  }

  return resolved;
}

function isPositiveNumber(value: number): boolean {
  return Number.isFinite(value) && value > 0;
}
