import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import { HistoryError, HistoryErrorCode } from './history-error';

export type HistoryDatabase = Database.Database;

/** Schema steps in order; the database's `user_version` says how many ran. */
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
