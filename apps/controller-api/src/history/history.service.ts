import {
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';

import { HistoryError, HistoryErrorCode } from './history-error';
import {
  EVENT_LIMIT,
  HistoryEvent,
  HistoryEventFilter,
  HistoryEventInput,
  HistoryEventPage,
} from './history-event';
import { ResolvedHistoryOptions } from './history-options';
import { HistoryRepository } from './history.repository';
import { RESOLVED_HISTORY_OPTIONS } from './history.module-definition';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How often the retention bounds are applied while the controller runs. */
export const RETENTION_CHECK_INTERVAL_MS = 60 * 60 * 1000;

/**
 * The controller's event history: faults, restarts, operator actions and host
 * changes, kept on disk within a bounded age and count.
 */
@Injectable()
export class HistoryService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(HistoryService.name);
  private retentionTimer?: NodeJS.Timeout;

  constructor(
    private readonly repository: HistoryRepository,
    @Inject(RESOLVED_HISTORY_OPTIONS) private readonly options: ResolvedHistoryOptions,
  ) {}

  onModuleInit(): void {
    this.applyRetention();
    this.logger.log(
      `history at ${this.options.databasePath} holds ${eventCount(this.repository.count())} ` +
        `(keeping ${this.options.retentionDays} days, at most ${this.options.maxEvents})`,
    );

    // unref: the hourly check must never be what keeps the process alive.
    this.retentionTimer = setInterval(
      () => this.applyRetentionSafely(),
      RETENTION_CHECK_INTERVAL_MS,
    );
    this.retentionTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.retentionTimer);
    this.repository.close();
  }

  /**
   * Stores an event; `at` defaults to now. The same event recorded again (a
   * monitor-log entry read twice) is kept once: undefined then. Throws
   * HISTORY_EVENT_INVALID on a bad event.
   */
  record(input: HistoryEventInput): HistoryEvent | undefined {
    const event = { ...input, at: input.at ?? Date.now() };
    assertRecordable(event);

    return this.repository.insert(event);
  }

  /** Matching events, newest first; `limit` defaults to 100 and is kept within 1-1000. */
  query(filter: HistoryEventFilter = {}): HistoryEventPage {
    return this.repository.find({ ...filter, limit: clampLimit(filter.limit) });
  }

  /** Deletes events past the age and count bounds; returns how many went. */
  applyRetention(): number {
    const { retentionDays, maxEvents } = this.options;

    const expired = this.repository.deleteOlderThan(Date.now() - retentionDays * DAY_MS);
    const surplus = this.repository.keepNewest(maxEvents);

    if (expired + surplus > 0) {
      this.logger.log(
        `history retention deleted ${eventCount(expired)} older than ${retentionDays} days ` +
          `and ${surplus} beyond the newest ${maxEvents}`,
      );
    }

    return expired + surplus;
  }

  private applyRetentionSafely(): void {
    try {
      this.applyRetention();
    } catch (error) {
      // The controller carries on; the database only grows until the next check.
      this.logger.warn(`history retention failed, retrying in an hour: ${String(error)}`);
    }
  }
}

function assertRecordable(event: HistoryEventInput & { at: number }): void {
  const problems = [
    Number.isFinite(event.at) ? undefined : `at must be a time in ms, not ${event.at}`,
    event.host ? undefined : 'host must not be empty',
    event.message ? undefined : 'message must not be empty',
  ].filter((problem) => problem !== undefined);

  if (problems.length > 0) {
    throw new HistoryError(
      HistoryErrorCode.EventInvalid,
      `cannot record a ${event.kind} event: ${problems.join('; ')}`,
    );
  }
}

function eventCount(count: number): string {
  return count === 1 ? '1 event' : `${count} events`;
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isInteger(limit)) {
    return EVENT_LIMIT.default;
  }

  return Math.min(Math.max(limit, 1), EVENT_LIMIT.max);
}
