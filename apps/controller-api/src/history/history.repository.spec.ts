import { FaultCause } from '@hms/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openHistoryDatabase } from './history-database';
import { HistoryErrorCode } from './history-error';
import { HistoryEventInput, HistoryEventKind } from './history-event';
import { HistoryRepository } from './history.repository';

const HOUR_MS = 60 * 60 * 1000;
const T0 = Date.parse('2025-03-01T12:00:00Z');
const FULL_ID = '8db94990d2a1f00dfeedbeefcafe0123456789abcdef0123456789abcdef0123';

describe('HistoryRepository (real SQLite file)', () => {
  let folder: string;
  let path: string;
  let sut: HistoryRepository;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'hms-history-'));
    path = join(folder, 'nested', 'history.db');
    sut = new HistoryRepository(openHistoryDatabase(path));
  });

  afterEach(() => {
    sut.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('records an event and reads it back with its id, short container ID and fields', () => {
    const recorded = sut.insert(
      event({ containerId: FULL_ID, containerName: 'web-1', cause: FaultCause.Killed }),
    );

    const page = sut.find({ limit: 10 });

    expect(recorded?.id).toBeGreaterThan(0);
    expect(recorded?.containerId).toBe('8db94990d2a1');
    expect(page).toEqual({ total: 1, events: [recorded] });
    expect(page.events[0]).not.toHaveProperty('recoveryMs');
  });

  it('keeps an event recorded twice once, as when a monitor log is read again', () => {
    const fault = event({ containerId: FULL_ID, containerName: 'web-1' });

    const first = sut.insert(fault);
    const again = sut.insert(fault);
    const other = sut.insert({ ...fault, message: 'web-1 stopped again' });
    const hostWide = event({ kind: HistoryEventKind.Threshold, message: '25% -> 12%' });
    sut.insert(hostWide);
    const hostWideAgain = sut.insert(hostWide);

    expect(first).toBeDefined();
    expect(again).toBeUndefined();
    expect(other).toBeDefined();
    expect(hostWideAgain).toBeUndefined();
    expect(sut.find({ limit: 10 }).total).toBe(3);
  });

  it('returns events newest first, limited, with the total of all matches', () => {
    for (let hour = 0; hour < 5; hour++) {
      sut.insert(event({ at: T0 + hour * HOUR_MS, message: `event ${hour}` }));
    }

    const page = sut.find({ limit: 2 });

    expect(page.total).toBe(5);
    expect(page.events.map((e) => e.message)).toEqual(['event 4', 'event 3']);
  });

  it('filters by host, container (short ID, full ID or name), kinds and time', () => {
    sut.insert(event({ host: '10.0.0.1', containerId: FULL_ID, containerName: 'web-1' }));
    sut.insert(
      event({ host: '10.0.0.2', kind: HistoryEventKind.HostLeft, at: T0 + HOUR_MS }),
    );
    sut.insert(
      event({ host: '10.0.0.2', kind: HistoryEventKind.Restart, at: T0 + 2 * HOUR_MS }),
    );

    const messagesOf = (filter: Parameters<HistoryRepository['find']>[0]) =>
      sut.find(filter).events.map((e) => `${e.host} ${e.kind}`);

    expect(messagesOf({ limit: 10, host: '10.0.0.2' })).toEqual([
      '10.0.0.2 restart',
      '10.0.0.2 host-left',
    ]);
    expect(messagesOf({ limit: 10, containerId: 'web-1' })).toEqual(['10.0.0.1 fault']);
    expect(messagesOf({ limit: 10, containerId: '8db94990d2a1' })).toEqual([
      '10.0.0.1 fault',
    ]);
    expect(messagesOf({ limit: 10, containerId: FULL_ID })).toEqual(['10.0.0.1 fault']);
    expect(
      messagesOf({
        limit: 10,
        kinds: [HistoryEventKind.Fault, HistoryEventKind.HostLeft],
      }),
    ).toEqual(['10.0.0.2 host-left', '10.0.0.1 fault']);
    expect(messagesOf({ limit: 10, from: T0 + HOUR_MS, to: T0 + HOUR_MS })).toEqual([
      '10.0.0.2 host-left',
    ]);
    expect(sut.find({ limit: 10, host: 'nowhere' })).toEqual({ total: 0, events: [] });
  });

  it('deletes events older than a cut-off', () => {
    sut.insert(event({ at: T0 - 2 * HOUR_MS }));
    sut.insert(event({ at: T0 }));

    const deleted = sut.deleteOlderThan(T0 - HOUR_MS);

    expect(deleted).toBe(1);
    expect(sut.find({ limit: 10 }).events.map((e) => e.at)).toEqual([T0]);
  });

  it('keeps only the newest events beyond a count', () => {
    for (let hour = 0; hour < 5; hour++) {
      sut.insert(event({ at: T0 + hour * HOUR_MS }));
    }

    const deleted = sut.keepNewest(2);

    expect(deleted).toBe(3);
    expect(sut.find({ limit: 10 }).events.map((e) => e.at)).toEqual([
      T0 + 4 * HOUR_MS,
      T0 + 3 * HOUR_MS,
    ]);
  });

  it('still holds its events after the database is closed and opened again', () => {
    const recorded = sut.insert(event({ recoveryMs: 412.5, cause: FaultCause.Stopped }));
    sut.close();

    sut = new HistoryRepository(openHistoryDatabase(path));

    expect(sut.find({ limit: 10 }).events).toEqual([recorded]);
  });

  it('refuses to write once closed, with a code that says why', () => {
    sut.close();

    expect(() => sut.insert(event())).toThrow(
      expect.objectContaining({ code: HistoryErrorCode.Closed }),
    );
  });
});

function event(
  overrides: Partial<HistoryEventInput> = {},
): HistoryEventInput & { at: number } {
  return {
    kind: HistoryEventKind.Fault,
    host: '10.0.0.1',
    message: 'web-1 stopped (exit 137 after kill)',
    at: T0,
    ...overrides,
  };
}
