import { Logger } from '@nestjs/common';

import { ControllerConfig } from '../config/controller.config';
import { openHistoryDatabase } from '../history/history-database';
import { HistoryEventInput } from '../history/history-event';
import { HistoryService } from '../history/history.service';
import { MetricsService } from '../metrics/metrics.service';
import { DesiredStateRepository } from './desired-state.repository';
import { HostLiveness } from './host-state';
import { LivenessMonitor } from './liveness-monitor.service';
import { PlatformStateService } from './platform-state.service';

describe('LivenessMonitor', () => {
  beforeAll(() => Logger.overrideLogger(false));

  const config = Object.assign(new ControllerConfig(), {
    heartbeatIntervalMs: 2000,
    missedHeartbeats: 3,
  });
  let recorded: HistoryEventInput[];
  let state: PlatformStateService;
  let sut: LivenessMonitor;

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    recorded = [];
    const history = { record: (event: HistoryEventInput) => recorded.push(event) };
    const metrics = { setSnapshotSource: () => undefined };
    const saved = new DesiredStateRepository(openHistoryDatabase(':memory:'));
    state = new PlatformStateService(config, metrics as unknown as MetricsService, saved);
    sut = new LivenessMonitor(config, state, history as unknown as HistoryService);
    sut.onModuleInit();
  });

  afterEach(() => {
    sut.onModuleDestroy();
    jest.useRealTimers();
  });

  function liveHost(address: string) {
    const host = state.add(address, HostLiveness.Live);
    host.lastHeartbeatAt = Date.now();

    return host;
  }

  it('keeps a host live while it is within the missed-heartbeat limit', () => {
    const host = liveHost('10.0.0.1');

    jest.advanceTimersByTime(6000);

    expect(host.liveness).toBe(HostLiveness.Live);
    expect(recorded).toEqual([]);
  });

  it('marks a host unreachable once three periods passed without a heartbeat, once', () => {
    const host = liveHost('10.0.0.1');

    jest.advanceTimersByTime(7000);
    jest.advanceTimersByTime(10_000);

    expect(host.liveness).toBe(HostLiveness.Unreachable);
    expect(recorded).toEqual([
      expect.objectContaining({
        kind: 'host-unreachable',
        host: '10.0.0.1',
        message: 'host 10.0.0.1 unreachable: no heartbeat for 7.0 s (3 missed)',
      }),
    ]);
  });

  it('leaves alone a host whose heartbeats keep coming', () => {
    const host = liveHost('10.0.0.1');

    for (let beat = 0; beat < 10; beat++) {
      jest.advanceTimersByTime(2000);
      host.lastHeartbeatAt = Date.now();
    }

    expect(host.liveness).toBe(HostLiveness.Live);
  });

  it('never marks a host that waits for its manager', () => {
    const host = state.add('10.0.0.2', HostLiveness.Waiting);

    jest.advanceTimersByTime(60_000);

    expect(host.liveness).toBe(HostLiveness.Waiting);
  });
});
