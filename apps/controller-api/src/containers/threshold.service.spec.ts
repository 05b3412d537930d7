import { okReply } from '@hms/contracts';
import { Logger } from '@nestjs/common';

import { ControllerConfig } from '../config/controller.config';
import {
  DesiredStateNotSavedError,
  ManagerRefusedError,
  ManagerSilentError,
} from '../errors/controller-error';
import { HistoryDatabase, openHistoryDatabase } from '../history/history-database';
import { CommandClient } from '../messaging/command-client.service';
import { CommandOutcome, SILENT } from '../messaging/reply-collection';
import { MetricsService } from '../metrics/metrics.service';
import { DesiredStateRepository } from '../platform/desired-state.repository';
import { HostLiveness } from '../platform/host-state';
import { PlatformStateService } from '../platform/platform-state.service';
import { ThresholdService } from './threshold.service';

/** Answers like managers would: one outcome per host, as scripted by the test. */
class ScriptedCommands {
  readonly broadcasts: string[][] = [];

  constructor(private readonly script: Record<string, CommandOutcome>) {}

  async send(address: string): Promise<CommandOutcome> {
    return this.script[address] ?? SILENT;
  }

  async broadcast(
    _body: unknown,
    expected: string[],
  ): Promise<Map<string, CommandOutcome>> {
    this.broadcasts.push(expected);

    return new Map(expected.map((address) => [address, this.script[address] ?? SILENT]));
  }
}

const OK: CommandOutcome = { kind: 'ok', reply: okReply('x') };

describe('ThresholdService', () => {
  beforeAll(() => Logger.overrideLogger(false));

  const config = Object.assign(new ControllerConfig(), { defaultThreshold: 25 });
  let database: HistoryDatabase;
  let saved: DesiredStateRepository;
  let state: PlatformStateService;

  beforeEach(() => {
    const metrics = { setSnapshotSource: () => undefined } as unknown as MetricsService;
    database = openHistoryDatabase(':memory:');
    saved = new DesiredStateRepository(database);
    state = new PlatformStateService(config, metrics, saved);
  });

  afterEach(() => database.close());

  function savedThresholds(): Record<string, number> {
    return Object.fromEntries(
      saved.load().hosts.map((host) => [host.address, host.desired.threshold]),
    );
  }

  function serviceAnswering(script: Record<string, CommandOutcome>) {
    const commands = new ScriptedCommands(script);
    const sut = new ThresholdService(config, state, commands as unknown as CommandClient);

    return { sut, commands };
  }

  it('applies a threshold every live host confirmed', async () => {
    state.add('10.0.0.1', HostLiveness.Live);
    state.add('10.0.0.2', HostLiveness.Live);
    const { sut } = serviceAnswering({ '10.0.0.1': OK, '10.0.0.2': OK });

    const result = await sut.setEverywhere(40);

    expect(result.hosts.map((host) => host.delivery)).toEqual(['applied', 'applied']);
    expect(state.list().map((host) => host.desired.threshold)).toEqual([40, 40]);
    expect(savedThresholds()).toEqual({ '10.0.0.1': 40, '10.0.0.2': 40 });
  });

  it('asks only live hosts, and records the threshold for the others as pending', async () => {
    state.add('10.0.0.1', HostLiveness.Live);
    const waiting = state.add('10.0.0.2', HostLiveness.Waiting);
    const { sut, commands } = serviceAnswering({ '10.0.0.1': OK });

    const result = await sut.setEverywhere(40);

    expect(commands.broadcasts).toEqual([['10.0.0.1']]);
    expect(result.hosts[1]).toEqual({ address: '10.0.0.2', delivery: 'pending' });
    expect(waiting.desired.threshold).toBe(40);
    expect(waiting.configurePending).toBe(true);
  });

  it('answers 504 naming the silent host, with its threshold recorded for later', async () => {
    state.add('10.0.0.1', HostLiveness.Live);
    const silent = state.add('10.0.0.2', HostLiveness.Live);
    silent.configurePending = false;
    const { sut } = serviceAnswering({ '10.0.0.1': OK });

    const failure = sut.setEverywhere(40);

    await expect(failure).rejects.toThrow(ManagerSilentError);
    await expect(failure).rejects.toThrow(/10\.0\.0\.2.*recorded/);
    expect(silent.desired.threshold).toBe(40);
    expect(silent.configurePending).toBe(true);
    expect(savedThresholds()).toEqual({ '10.0.0.1': 40, '10.0.0.2': 40 });
  });

  it("changes nothing on a host that refused, and says the manager's reason", async () => {
    const host = state.add('10.0.0.1', HostLiveness.Live);
    const { sut } = serviceAnswering({
      '10.0.0.1': { kind: 'refused', reason: 'retired', code: 'CONFLICT' },
    });

    await expect(sut.setOnHost('10.0.0.1', 40)).rejects.toThrow(ManagerRefusedError);
    expect(host.desired.threshold).toBe(25);
    expect(host.reportedThreshold).toBeUndefined();
    expect(savedThresholds()).toEqual({ '10.0.0.1': 25 });
  });

  it('does not bring back a host removed while its manager was being asked', async () => {
    state.add('10.0.0.1', HostLiveness.Live);
    const commands = {
      send: async (): Promise<CommandOutcome> => {
        state.remove('10.0.0.1');

        return { kind: 'ok', reply: okReply('10.0.0.1') };
      },
    };
    const sut = new ThresholdService(config, state, commands as unknown as CommandClient);

    await sut.setOnHost('10.0.0.1', 40);

    expect(saved.load()).toEqual({ hosts: [], removed: ['10.0.0.1'] });
  });

  it('answers 503 when the threshold cannot be saved, saying it is in effect', async () => {
    const host = state.add('10.0.0.1', HostLiveness.Live);
    const { sut } = serviceAnswering({ '10.0.0.1': OK });
    database.pragma('query_only = ON');

    const failure = sut.setOnHost('10.0.0.1', 40);

    await expect(failure).rejects.toThrow(DesiredStateNotSavedError);
    await expect(failure).rejects.toThrow(/SQLITE_READONLY.*40% is in effect/);
    expect(host.desired.threshold).toBe(40);
    expect(host.reportedThreshold).toBe(40);
  });
});
