import { FaultCause } from '@hms/contracts';
import type { Statement } from 'better-sqlite3';

import { HistoryDatabase, useDatabase } from './history-database';
import {
  HistoryEvent,
  HistoryEventFilter,
  HistoryEventInput,
  HistoryEventKind,
  HistoryEventPage,
} from './history-event';
import { whereClause } from './history-query';

interface EventRow {
  id: number;
  at: number;
  kind: HistoryEventKind;
  host: string;
  container_id: string | null;
  container_name: string | null;
  cause: FaultCause | null;
  recovery_ms: number | null;
  message: string;
}

type EventParams = Record<string, string | number | null>;

const COLUMNS =
  'id, at, kind, host, container_id, container_name, cause, recovery_ms, message';

/** A full (13 to 64 hex digit) container ID; the history keys containers by short ID. */
const LONG_CONTAINER_ID = /^[0-9a-f]{13,64}$/;
const SHORT_ID_LENGTH = 12;

/** Reads and writes history events in SQLite through prepared statements. */
export class HistoryRepository {
  private readonly insertEvent: Statement<[EventParams]>;
  private readonly deleteBefore: Statement<[number]>;
  private readonly deleteBeyondNewest: Statement<[number]>;
  private readonly countAll: Statement<[], { count: number }>;
  private readonly queries = new Map<string, Statement<[EventParams]>>();

  constructor(private readonly database: HistoryDatabase) {
    this.insertEvent = database.prepare(
      `INSERT OR IGNORE INTO events
         (at, kind, host, container_id, container_name, cause, recovery_ms, message)
       VALUES (@at, @kind, @host, @containerId, @containerName, @cause, @recoveryMs, @message)`,
    );
    this.deleteBefore = database.prepare('DELETE FROM events WHERE at < ?');
    this.deleteBeyondNewest = database.prepare(
      `DELETE FROM events WHERE id IN
         (SELECT id FROM events ORDER BY at DESC, id DESC LIMIT -1 OFFSET ?)`,
    );
    this.countAll = database.prepare('SELECT COUNT(*) AS count FROM events');
  }

  /** Stores the event; undefined when the very same event is stored already. */
  insert(input: HistoryEventInput & { at: number }): HistoryEvent | undefined {
    const containerId = toShortId(input.containerId);

    const { changes, lastInsertRowid } = useDatabase(this.database, () =>
      this.insertEvent.run({
        at: input.at,
        kind: input.kind,
        host: input.host,
        containerId: containerId ?? null,
        containerName: input.containerName ?? null,
        cause: input.cause ?? null,
        recoveryMs: input.recoveryMs ?? null,
        message: input.message,
      }),
    );

    if (changes === 0) {
      return undefined;
    }

    return withoutUndefined({ ...input, containerId, id: Number(lastInsertRowid) });
  }

  /** Matching events newest first, at most `limit`, with the count of all matches. */
  find(filter: HistoryEventFilter & { limit: number }): HistoryEventPage {
    const where = whereClause({ ...filter, containerId: toShortId(filter.containerId) });

    return useDatabase(this.database, () => {
      const rows = this.statement(
        `SELECT ${COLUMNS} FROM events ${where.sql} ORDER BY at DESC, id DESC LIMIT @limit`,
      ).all({ ...where.params, limit: filter.limit }) as EventRow[];
      const { total } = this.statement(
        `SELECT COUNT(*) AS total FROM events ${where.sql}`,
      ).get(where.params) as { total: number };

      return { events: rows.map(toEvent), total };
    });
  }

  /** Deletes events that happened before `at`; returns how many. */
  deleteOlderThan(at: number): number {
    return useDatabase(this.database, () => this.deleteBefore.run(at).changes);
  }

  /** Deletes all but the newest `count` events; returns how many. */
  keepNewest(count: number): number {
    return useDatabase(this.database, () => this.deleteBeyondNewest.run(count).changes);
  }

  count(): number {
    return useDatabase(this.database, () => this.countAll.get()?.count ?? 0);
  }

  close(): void {
    if (this.database.open) {
      this.database.close();
    }
  }

  /** Prepares each distinct query shape once; filters give a bounded set of shapes. */
  private statement(sql: string): Statement<[EventParams]> {
    let statement = this.queries.get(sql);
    if (statement === undefined) {
      statement = this.database.prepare(sql);
      this.queries.set(sql, statement);
    }

    return statement;
  }
}

function toShortId(containerId: string | undefined): string | undefined {
  return containerId !== undefined && LONG_CONTAINER_ID.test(containerId)
    ? containerId.slice(0, SHORT_ID_LENGTH)
    : containerId;
}

function toEvent(row: EventRow): HistoryEvent {
  return withoutUndefined({
    id: row.id,
    at: row.at,
    kind: row.kind,
    host: row.host,
    containerId: row.container_id ?? undefined,
    containerName: row.container_name ?? undefined,
    cause: row.cause ?? undefined,
    recoveryMs: row.recovery_ms ?? undefined,
    message: row.message,
  });
}

/** Drops absent optional fields so events compare and serialise cleanly. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as T;
}
