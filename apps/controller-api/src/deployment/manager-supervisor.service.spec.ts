import { Logger } from '@nestjs/common';

import { ControllerConfig } from '../config/controller.config';
import { HistoryEventInput, HistoryEventKind } from '../history/history-event';
import { HistoryService } from '../history/history.service';
import { HostLiveness, HostState } from '../platform/host-state';
import { PlatformStateService } from '../platform/platform-state.service';
import { ManagerDeployment } from './deployment.repository';
import { HostDeploymentService } from './host-deployment.service';
import { ManagerSupervisor } from './manager-supervisor.service';

const ADDRESS = '10.213.0.13';
const T0 = 1_700_000_000_000;

const DEPLOYMENT: ManagerDeployment = {
  address: ADDRESS,
  engine: 'tcp://10.213.0.13:2376',
  engineSocket: '/run/hms/docker-vm3.sock',
  tlsCertPath: '/run/hms/hosts/vm3/tls/client',
  containerName: 'hms-manager-hms',
  deployedAt: T0 - 120_000,
};

/** A supervisor whose one deployed host is unreachable and whose revive does `revive`. */
function setup(revive: () => Promise<'restarted' | 'redeployed' | undefined>) {
  const recorded: HistoryEventInput[] = [];
  const host = { address: ADDRESS, liveness: HostLiveness.Unreachable } as HostState;
  const supervisor = new ManagerSupervisor(
    { managerStartGraceMs: 60_000, heartbeatIntervalMs: 2000 } as ControllerConfig,
    { find: () => host } as unknown as PlatformStateService,
    { list: () => [DEPLOYMENT], revive } as unknown as HostDeploymentService,
    {
      record: (event: HistoryEventInput) => recorded.push(event),
    } as unknown as HistoryService,
  );

  return { supervisor, recorded };
}

describe('ManagerSupervisor', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'warn', 'error']));

  it('records a failed revive in the history, with the cause and the next attempt', async () => {
    const { supervisor, recorded } = setup(() =>
      Promise.reject(
        new Error("reading the engine's TLS files: the folder does not exist"),
      ),
    );

    await supervisor.check(T0);

    expect(recorded).toEqual([
      {
        kind: HistoryEventKind.ManagerRedeployFailed,
        host: ADDRESS,
        message:
          `manager of ${ADDRESS} is unreachable and could not be revived on ` +
          "tcp://10.213.0.13:2376 (attempt 1): reading the engine's TLS files: the folder " +
          'does not exist; next attempt in 60 s',
      },
    ]);
  });

  it('backs off between failed attempts instead of recording one each period', async () => {
    const { supervisor, recorded } = setup(() => Promise.reject(new Error('down')));

    await supervisor.check(T0);
    await supervisor.check(T0 + 30_000);
    await supervisor.check(T0 + 60_000);

    expect(recorded.map((event) => event.message)).toEqual([
      expect.stringContaining('(attempt 1): down; next attempt in 60 s'),
      expect.stringContaining('(attempt 2): down; next attempt in 120 s'),
    ]);
  });

  it('records a successful revive as manager-redeployed', async () => {
    const { supervisor, recorded } = setup(() => Promise.resolve('restarted'));

    await supervisor.check(T0);

    expect(recorded.map((event) => event.kind)).toEqual([
      HistoryEventKind.ManagerRedeployed,
    ]);
  });
});
