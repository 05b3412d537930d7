import { Logger } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { HistoryDatabase, openHistoryDatabase } from '../history/history-database';
import { HistoryErrorCode } from '../history/history-error';
import { DesiredStateRepository, SavedHost } from './desired-state.repository';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const WEB_1 = 'a1b2c3d4e5f6'.padEnd(64, '0');

function host(address: string, fields: Partial<SavedHost> = {}): SavedHost {
  return {
    address,
    desired: { threshold: 25, ignored: [] },
    ignoredNames: {},
    addedAt: T0,
    ...fields,
  };
}

/** Against a real SQLite file in a temp folder, as the controller uses it. */
describe('DesiredStateRepository', () => {
  let folder: string;
  let path: string;
  let database: HistoryDatabase;
  let sut: DesiredStateRepository;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'hms-desired-state-'));
    path = join(folder, 'history.sqlite');
    database = openHistoryDatabase(path);
    sut = new DesiredStateRepository(database);
  });

  afterEach(() => {
    database.close();
    rmSync(folder, { recursive: true, force: true });
  });

  function reopen(): DesiredStateRepository {
    database.close();
    database = openHistoryDatabase(path);

    return new DesiredStateRepository(database);
  }

  it('holds nothing in a new database', () => {
    expect(sut.load()).toEqual({ hosts: [], removed: [] });
  });

  it('keeps hosts with their threshold and ignore list across a reopen', () => {
    const ignoring = host('10.0.0.2', {
      desired: { threshold: 12.5, ignored: [WEB_1] },
      ignoredNames: { [WEB_1]: 'web-1' },
    });
    sut.saveHosts([ignoring, host('10.0.0.1')]);

    expect(reopen().load()).toEqual({ hosts: [host('10.0.0.1'), ignoring], removed: [] });
  });

  it('updates a saved host, keeping when it was first added', () => {
    sut.saveHosts([host('10.0.0.1')]);

    sut.saveHosts([
      host('10.0.0.1', { desired: { threshold: 40, ignored: [WEB_1] }, addedAt: T0 + 5 }),
    ]);

    expect(sut.load().hosts).toEqual([
      host('10.0.0.1', { desired: { threshold: 40, ignored: [WEB_1] }, addedAt: T0 }),
    ]);
  });

  it('forgets a removed host and remembers the removal, until it is saved again', () => {
    sut.saveHosts([host('10.0.0.1'), host('10.0.0.2')]);

    sut.saveRemoval('10.0.0.1');
    const afterRemoval = reopen().load();
    sut = reopen();
    sut.saveHosts([host('10.0.0.1', { addedAt: T0 + 60_000 })]);

    expect(afterRemoval).toEqual({ hosts: [host('10.0.0.2')], removed: ['10.0.0.1'] });
    expect(sut.load()).toEqual({
      hosts: [host('10.0.0.1', { addedAt: T0 + 60_000 }), host('10.0.0.2')],
      removed: [],
    });
  });

  it('leaves out a row it cannot read instead of failing start-up', () => {
    sut.saveHosts([host('10.0.0.1'), host('10.0.0.2'), host('10.0.0.3')]);
    database
      .prepare("UPDATE desired_hosts SET ignored = '[1, 2]' WHERE address = '10.0.0.2'")
      .run();
    database
      .prepare("UPDATE desired_hosts SET ignored_names = '[]' WHERE address = '10.0.0.3'")
      .run();

    expect(sut.load().hosts.map((saved) => saved.address)).toEqual(['10.0.0.1']);
  });

  it('refuses a threshold outside 0-100 as the bug it is, leaving the saved state as it was', () => {
    sut.saveHosts([host('10.0.0.1')]);

    expect(() =>
      sut.saveHosts([
        host('10.0.0.2'),
        host('10.0.0.1', { desired: { threshold: 101, ignored: [] } }),
      ]),
    ).toThrow(/CHECK constraint failed/);
    expect(sut.load().hosts).toEqual([host('10.0.0.1')]);
  });

  it('says HISTORY_CLOSED once the database is closed', () => {
    database.close();

    expect(() => sut.saveRemoval('10.0.0.1')).toThrow(
      expect.objectContaining({ code: HistoryErrorCode.Closed }),
    );
  });
});
