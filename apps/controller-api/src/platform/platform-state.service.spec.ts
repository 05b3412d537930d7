import { Logger } from '@nestjs/common';

import { ControllerConfig } from '../config/controller.config';
import { DesiredStateNotSavedError } from '../errors/controller-error';
import { HistoryDatabase, openHistoryDatabase } from '../history/history-database';
import { MetricsService } from '../metrics/metrics.service';
import { findContainer } from './container-lookup';
import { applyContent } from './content-application';
import { DesiredStateRepository } from './desired-state.repository';
import { HostLiveness } from './host-state';
import { PlatformStateService } from './platform-state.service';

const WEB_1 = 'a1b2c3d4e5f6'.padEnd(64, '0');

describe('PlatformStateService', () => {
  const config = Object.assign(new ControllerConfig(), { defaultThreshold: 25 });
  const metrics = { setSnapshotSource: () => undefined } as unknown as MetricsService;
  let database: HistoryDatabase;
  let saved: DesiredStateRepository;
  let sut: PlatformStateService;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    database = openHistoryDatabase(':memory:');
    saved = new DesiredStateRepository(database);
    sut = start();
  });

  afterEach(() => database.close());

  /** A controller starting on the same database, as after a restart. */
  function start(): PlatformStateService {
    const state = new PlatformStateService(config, metrics, saved);
    state.onModuleInit();

    return state;
  }

  it('takes back every saved host as waiting, with its desired configuration', () => {
    const live = sut.add('10.0.0.1', HostLiveness.Live);
    sut.setThreshold([live], 12);
    sut.setIgnored(live, [WEB_1]);
    sut.add('10.0.0.2', HostLiveness.Waiting);

    const restarted = start();

    expect(restarted.list()).toEqual([
      expect.objectContaining({
        address: '10.0.0.1',
        liveness: HostLiveness.Waiting,
        desired: { threshold: 12, ignored: [WEB_1] },
        joinedAt: live.joinedAt,
        configurePending: true,
        restored: true,
      }),
      expect.objectContaining({
        address: '10.0.0.2',
        liveness: HostLiveness.Waiting,
        desired: { threshold: 25, ignored: [] },
      }),
    ]);
  });

  it('finds an ignored container by its name after a restart, though managers list it by ID', () => {
    const host = sut.add('10.0.0.1', HostLiveness.Live);
    host.aliases?.set(WEB_1.slice(0, 12), { fullId: WEB_1, name: 'web-1' });
    sut.setIgnored(host, [WEB_1]);

    const restored = start().require('10.0.0.1');
    applyContent(restored, {
      revision: 1,
      full: true,
      threshold: 25,
      containers: [{ id: WEB_1.slice(0, 12), status: 'ignored' }],
      removed: [],
      log: [],
    });

    expect(findContainer(restored, 'web-1')).toEqual(
      expect.objectContaining({ shortId: WEB_1.slice(0, 12), fullId: WEB_1 }),
    );
  });

  it('keeps a removed host removed across a restart, until it is added again', () => {
    sut.add('10.0.0.1', HostLiveness.Live);
    sut.remove('10.0.0.1');

    const restarted = start();
    const removedAfterRestart = restarted.wasRemoved('10.0.0.1');
    restarted.add('10.0.0.1', HostLiveness.Waiting);

    expect(removedAfterRestart).toBe(true);
    expect(restarted.wasRemoved('10.0.0.1')).toBe(false);
    expect(
      start()
        .list()
        .map((host) => host.address),
    ).toEqual(['10.0.0.1']);
  });

  it('adds nothing when the database does not take the new host', () => {
    database.pragma('query_only = ON');

    expect(() => sut.add('10.0.0.1', HostLiveness.Waiting)).toThrow(
      DesiredStateNotSavedError,
    );
    expect(sut.find('10.0.0.1')).toBeUndefined();
  });

  it('keeps a host whose removal could not be saved', () => {
    sut.add('10.0.0.1', HostLiveness.Live);
    database.pragma('query_only = ON');

    expect(() => sut.remove('10.0.0.1')).toThrow(/still supervised/);
    expect(sut.find('10.0.0.1')).toBeDefined();
    expect(sut.wasRemoved('10.0.0.1')).toBe(false);
  });

  it('keeps an ignore list in effect that could not be saved, and says so', () => {
    const host = sut.add('10.0.0.1', HostLiveness.Live);
    database.pragma('query_only = ON');

    expect(() => sut.setIgnored(host, [WEB_1])).toThrow(
      /ignore list of 10\.0\.0\.1 is in effect but is lost if the controller restarts/,
    );
    expect(host.desired.ignored).toEqual([WEB_1]);
  });
});
