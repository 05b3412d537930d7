import { okReply } from '@hms/contracts';
import { Logger } from '@nestjs/common';

import { ControllerConfig } from '../config/controller.config';
import { ManagerRejectedError, ManagerSilentError } from '../errors/controller-error';
import { CommandClient } from '../messaging/command-client.service';
import { CommandOutcome, SILENT } from '../messaging/reply-collection';
import { MetricsService } from '../metrics/metrics.service';
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
  let state: PlatformStateService;

  beforeEach(() => {
    const metrics = { setSnapshotSource: () => undefined } as unknown as MetricsService;
    state = new PlatformStateService(config, metrics);
  });

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
  });

  it("changes nothing on a host that refused, and says the manager's reason", async () => {
    const host = state.add('10.0.0.1', HostLiveness.Live);
    const { sut } = serviceAnswering({
      '10.0.0.1': { kind: 'refused', reason: 'retired' },
    });

    await expect(sut.setOnHost('10.0.0.1', 40)).rejects.toThrow(ManagerRejectedError);
    expect(host.desired.threshold).toBe(25);
    expect(host.reportedThreshold).toBeUndefined();
  });
});
