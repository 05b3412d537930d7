import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';

import { openHistoryDatabase, useDatabase } from './history-database';
import { HistoryError, HistoryErrorCode } from './history-error';

/** The events table as the first schema step made it, for databases of older versions. */
const EVENTS_TABLE_OF_SCHEMA_1 = `CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, kind TEXT NOT NULL,
  host TEXT NOT NULL, container_id TEXT, container_name TEXT, cause TEXT,
  recovery_ms REAL, message TEXT NOT NULL);`;

describe('openHistoryDatabase', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'hms-history-db-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('creates missing folders, uses WAL and creates the table and its indexes', () => {
    const database = openHistoryDatabase(join(folder, 'a', 'b', 'history.db'));

    const indexes = database
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'",
      )
      .pluck()
      .all();

    expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(indexes).toEqual(
      expect.arrayContaining(['events_at', 'events_host_at', 'events_kind']),
    );
    database.close();
  });

  it('opens an existing database without migrating it twice', () => {
    const path = join(folder, 'history.db');
    openHistoryDatabase(path).close();

    const database = openHistoryDatabase(path);

    expect(database.pragma('user_version', { simple: true })).toBe(3);
    database.close();
  });

  it('brings a database of the first schema up to date, keeping its events', () => {
    const path = join(folder, 'history.db');
    const first = new Database(path);
    first.exec(
      `${EVENTS_TABLE_OF_SCHEMA_1}
       INSERT INTO events (at, kind, host, message) VALUES (1, 'fault', '10.0.0.1', 'm');
       PRAGMA user_version = 1;`,
    );
    first.close();

    const database = openHistoryDatabase(path);
    const tables = database
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();

    expect(tables).toEqual(expect.arrayContaining(['desired_hosts', 'removed_hosts']));
    expect(database.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(1);
    database.close();
  });

  it('drops the duplicate events an older controller recorded, keeping the first', () => {
    const path = join(folder, 'history.db');
    const second = new Database(path);
    second.exec(
      `${EVENTS_TABLE_OF_SCHEMA_1}
       INSERT INTO events (at, kind, host, container_id, message)
         VALUES (1, 'restart', '10.0.0.1', 'abc', 'restarted web-1'),
                (1, 'restart', '10.0.0.1', 'abc', 'restarted web-1'),
                (2, 'restart', '10.0.0.1', 'abc', 'restarted web-1');
       CREATE TABLE desired_hosts (address TEXT PRIMARY KEY) WITHOUT ROWID;
       CREATE TABLE removed_hosts (address TEXT PRIMARY KEY) WITHOUT ROWID;
       PRAGMA user_version = 2;`,
    );
    second.close();

    const database = openHistoryDatabase(path);

    expect(database.prepare('SELECT id FROM events ORDER BY id').pluck().all()).toEqual([
      1, 3,
    ]);
    database.close();
  });

  it('names the path when the folder cannot be created', () => {
    const blocker = join(folder, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const path = join(blocker, 'history.db');

    const error = captureError(() => openHistoryDatabase(path));

    expect(error).toBeInstanceOf(HistoryError);
    expect(error.code).toBe(HistoryErrorCode.DatabaseUnavailable);
    expect(error.message).toContain(path);
  });

  it('refuses a file that is not a SQLite database', () => {
    const path = join(folder, 'history.db');
    writeFileSync(
      path,
      'this is plain text, long enough to not look like an empty database',
    );

    const error = captureError(() => openHistoryDatabase(path));

    expect(error.code).toBe(HistoryErrorCode.DatabaseUnavailable);
    expect(error.message).toMatch(/not a database/);
  });

  it('refuses a database written by a newer schema', () => {
    const path = join(folder, 'history.db');
    const newer = openHistoryDatabase(path);
    newer.pragma('user_version = 99');
    newer.close();

    const error = captureError(() => openHistoryDatabase(path));

    expect(error.message).toMatch(/schema version 99 is newer/);
  });
});

describe('useDatabase', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'hms-history-use-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it("turns SQLite's own failure into HISTORY_DATABASE_UNAVAILABLE naming the file", () => {
    const path = join(folder, 'history.db');
    const database = openHistoryDatabase(path);
    database.pragma('query_only = ON');

    const error = captureError(() =>
      useDatabase(database, () => database.exec('DELETE FROM events')),
    );

    expect(error.code).toBe(HistoryErrorCode.DatabaseUnavailable);
    expect(error.message).toContain(path);
    expect(error.message).toContain('SQLITE_READONLY');
    database.close();
  });

  it('says HISTORY_CLOSED once the database is closed', () => {
    const database = openHistoryDatabase(':memory:');
    database.close();

    expect(captureError(() => useDatabase(database, () => 1)).code).toBe(
      HistoryErrorCode.Closed,
    );
  });

  it('lets any other error through as it is', () => {
    const database = openHistoryDatabase(':memory:');
    const bug = new TypeError('not SQLite');

    expect(
      captureError(() =>
        useDatabase(database, () => {
          throw bug;
        }),
      ),
    ).toBe(bug);
    database.close();
  });
});

function captureError(action: () => unknown): HistoryError {
  try {
    action();
  } catch (error) {
    return error as HistoryError;
  }
  throw new Error('expected a HistoryError, nothing was thrown');
}
