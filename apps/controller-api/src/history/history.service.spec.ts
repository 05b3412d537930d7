import { Test, TestingModule } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openHistoryDatabase } from './history-database';
import { HistoryErrorCode } from './history-error';
import { HistoryEventInput, HistoryEventKind } from './history-event';
import { HistoryModuleOptions } from './history-options';
import { HistoryModule } from './history.module';
import { HistoryRepository } from './history.repository';
import { HistoryService, RETENTION_CHECK_INTERVAL_MS } from './history.service';

const DAY_MS = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2025-03-01T12:00:00Z');

describe('HistoryService', () => {
  let folder: string;
  let path: string;
  let moduleRef: TestingModule | undefined;

  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
    folder = mkdtempSync(join(tmpdir(), 'hms-history-service-'));
    path = join(folder, 'history.db');
  });

  afterEach(async () => {
    await moduleRef?.close();
    moduleRef = undefined;
    jest.useRealTimers();
    rmSync(folder, { recursive: true, force: true });
  });

  async function start(
    options: Partial<HistoryModuleOptions> = {},
  ): Promise<HistoryService> {
    moduleRef = await Test.createTestingModule({
      imports: [HistoryModule.forRoot({ databasePath: path, ...options })],
    }).compile();
    await moduleRef.init();

    return moduleRef.get(HistoryService);
  }

  it('stamps an event with the current time when it has none', async () => {
    const sut = await start();

    const recorded = sut.record(fault());

    expect(recorded?.at).toBe(T0);
    expect(sut.query().events).toEqual([recorded]);
  });

  it('applies the age and count bounds at start-up', async () => {
    const earlier = new HistoryRepository(openHistoryDatabase(path));
    earlier.insert({ ...fault(), at: T0 - 3 * DAY_MS });
    for (let minute = 1; minute <= 4; minute++) {
      earlier.insert({ ...fault(), at: T0 - minute * 60_000 });
    }
    earlier.close();

    const sut = await start({ retentionDays: 2, maxEvents: 3 });

    expect(sut.query().total).toBe(3);
  });

  it('applies the age bound again every hour', async () => {
    const sut = await start({ retentionDays: 1 });
    sut.record(fault());

    jest.advanceTimersByTime(DAY_MS - RETENTION_CHECK_INTERVAL_MS);
    expect(sut.query().total).toBe(1);

    jest.advanceTimersByTime(2 * RETENTION_CHECK_INTERVAL_MS);
    expect(sut.query().total).toBe(0);
  });

  it('keeps the limit of a query within 1 to 1000', async () => {
    const sut = await start();
    for (let index = 0; index < 3; index++) {
      sut.record({ ...fault(), message: `web-${index} stopped` });
    }

    expect(sut.query({ limit: 0 }).events).toHaveLength(1);
    expect(sut.query({ limit: 5000 }).events).toHaveLength(3);
  });

  it('refuses an event without a usable time, host or message', async () => {
    const sut = await start();

    expect(() => sut.record({ ...fault(), at: Number.NaN, host: '' })).toThrow(
      expect.objectContaining({
        code: HistoryErrorCode.EventInvalid,
        message: expect.stringMatching(/at must be a time.*host must not be empty/),
      }),
    );
    expect(sut.query().total).toBe(0);
  });

  it('stops start-up on options it cannot work with', async () => {
    const starting = start({ databasePath: ' ', retentionDays: 0, maxEvents: 1.5 });

    await expect(starting).rejects.toMatchObject({
      code: HistoryErrorCode.OptionsInvalid,
      message: expect.stringMatching(/databasePath.*retentionDays.*maxEvents/),
    });
  });

  it('closes the database when the application shuts down', async () => {
    const sut = await start();

    await moduleRef?.close();
    moduleRef = undefined;

    expect(() => sut.record(fault())).toThrow(
      expect.objectContaining({ code: HistoryErrorCode.Closed }),
    );
  });
});

function fault(): HistoryEventInput {
  return { kind: HistoryEventKind.Fault, host: '10.0.0.1', message: 'web-1 stopped' };
}
