import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openHistoryDatabase } from './history-database';
import { HistoryError, HistoryErrorCode } from './history-error';

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

    expect(database.pragma('user_version', { simple: true })).toBe(1);
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

function captureError(action: () => unknown): HistoryError {
  try {
    action();
  } catch (error) {
    return error as HistoryError;
  }
  throw new Error('expected a HistoryError, nothing was thrown');
}
