import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import { HistoryError, HistoryErrorCode } from './history-error';

export type HistoryDatabase = Database.Database;

/**
 * Schema steps in order; the database's `user_version` says how many ran.
 * Never edit a step that shipped: add one.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     kind TEXT NOT NULL,
     host TEXT NOT NULL,
     container_id TEXT,
     container_name TEXT,
     cause TEXT,
     recovery_ms REAL,
     message TEXT NOT NULL
   );
   CREATE INDEX events_at ON events (at);
   CREATE INDEX events_host_at ON events (host, at);
   CREATE INDEX events_kind ON events (kind);`,

  // The operator's desired configuration lives beside the history, so that a
  // restarted controller still knows the hosts, thresholds and ignore lists.
  `CREATE TABLE desired_hosts (
     address TEXT PRIMARY KEY,
     threshold REAL NOT NULL CHECK (threshold BETWEEN 0 AND 100),
     ignored TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(ignored)),
     ignored_names TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(ignored_names)),
     added_at INTEGER NOT NULL
   ) WITHOUT ROWID;
   CREATE TABLE removed_hosts (
     address TEXT PRIMARY KEY,
     removed_at INTEGER NOT NULL
   ) WITHOUT ROWID;`,

  // A restarted controller reads each manager's whole monitor log again: an
  // entry already recorded must not become a second event. IFNULL, because a
  // unique index takes two NULLs for different values (host-wide entries).
  `DELETE FROM events WHERE id NOT IN
     (SELECT MIN(id) FROM events GROUP BY host, at, kind, container_id, message);
   CREATE UNIQUE INDEX events_once
     ON events (host, at, kind, IFNULL(container_id, ''), message);`,
];

/**
 * Opens (creating when missing) the history database at `path` and brings
 * its schema up to date. Any failure names the path, so start-up stops with
 * something an operator can act on.
 */
export function openHistoryDatabase(path: string): HistoryDatabase {
  let database: HistoryDatabase | undefined;

  try {
    createParentFolder(path);
    database = new Database(path);

    // WAL lets the REST reads run while a write is in progress; NORMAL sync is
    // safe with WAL and avoids an fsync per recorded event.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    migrate(database);

    return database;
  } catch (error) {
    database?.close();
    const reason = error instanceof Error ? error.message : String(error);

    throw new HistoryError(
      HistoryErrorCode.DatabaseUnavailable,
      `cannot open the history database at ${path}: ${reason}. ` +
        'Make sure its folder is writable and the file is an HMS history database, ' +
        'or configure another path.',
      { cause: error },
    );
  }
}

/**
 * Runs `action` on the open database. A closed database (the controller is
 * shutting down) and SQLite's own failures (disk full, I/O error, locked or
 * read-only file) become a HistoryError naming the file, so callers and the
 * exception filter tell them from a bug. A broken constraint is a bug: it
 * goes through as it is.
 */
export function useDatabase<T>(database: HistoryDatabase, action: () => T): T {
  if (!database.open) {
    throw new HistoryError(
      HistoryErrorCode.Closed,
      'the history database is closed because the controller is shutting down',
    );
  }

  try {
    return action();
  } catch (error) {
    const code = sqliteCode(error);
    if (code === undefined || code.startsWith('SQLITE_CONSTRAINT')) {
      throw error;
    }

    throw new HistoryError(
      HistoryErrorCode.DatabaseUnavailable,
      `the history database at ${database.name} failed (${code}: ${(error as Error).message}); ` +
        'check the free disk space and the permissions of the file and its folder',
      { cause: error },
    );
  }
}

/**
 * The SQLITE_* code of one of SQLite's errors. Read by shape, not by class:
 * the addon keeps the error class of the first module instance that loaded
 * it, which differs from ours when module registries are reset (jest).
 */
function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;

  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

function createParentFolder(path: string): void {
  if (path === ':memory:') {
    return;
  }

  mkdirSync(dirname(path), { recursive: true });
}

function migrate(database: HistoryDatabase): void {
  const version = database.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(
      `its schema version ${version} is newer than this controller knows ` +
        `(${MIGRATIONS.length}); run a controller at least as new as the one that wrote it`,
    );
  }

  const applyPending = database.transaction(() => {
    for (const step of MIGRATIONS.slice(version)) {
      database.exec(step);
    }
    database.pragma(`user_version = ${MIGRATIONS.length}`);
  });

  applyPending();
}
