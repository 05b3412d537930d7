import { AntagonistSettingsDto, AttackDto, AttackKind } from '@hms/contracts';
import { Logger } from '@nestjs/common';

import { AntagonistError, AntagonistErrorCode } from '../antagonist-error';
import { AntagonistConfig } from '../config/antagonist-config';
import { TargetContainers } from '../docker/target-containers';
import { InjectedLosses } from '../loss/injected-losses';
import { PacketLossInjector } from '../loss/packet-loss-injector';
import { AttackPublisher } from '../messaging/attack-publisher';
import { AttackCampaign } from './attack-campaign.service';
import { AttackTarget } from './attack-planner';
import { SeededRandomSource } from './random-source';

const WEB: AttackTarget = { id: 'c0ffee', name: 'web-1' };
const PID = 4242;

const STOP_EVERY_SECOND: AntagonistSettingsDto = {
  name: 'stops',
  loss: 80,
  balance: 100,
  heavy: 100,
  frequency: 1,
  duration: 5,
};

const LOSS_EVERY_TEN_SECONDS: AntagonistSettingsDto = {
  ...STOP_EVERY_SECOND,
  name: 'losses',
  balance: 0,
  frequency: 10,
};

describe('AttackCampaign', () => {
  let targets: jest.Mocked<Pick<TargetContainers, 'listRunning' | 'pidOf' | 'stop'>>;
  let injector: jest.Mocked<Pick<PacketLossInjector, 'inject' | 'remove'>>;
  let publisher: jest.Mocked<Pick<AttackPublisher, 'publish'>>;
  let campaign: AttackCampaign;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    jest.useFakeTimers();
    targets = {
      listRunning: jest.fn(async () => [WEB]),
      pidOf: jest.fn(async (_target: AttackTarget) => PID),
      stop: jest.fn(async (_target: AttackTarget) => undefined),
    };
    injector = {
      inject: jest.fn(async (_pid: number, _loss: number) => 'iptables' as const),
      remove: jest.fn(async (_pid: number) => ['1 iptables rule(s)']),
    };
    publisher = { publish: jest.fn(async (_attack: AttackDto) => undefined) };

    const config = Object.assign(new AntagonistConfig(), {
      hostAddress: 'h',
      maxRunSeconds: 60,
    });
    const losses = new InjectedLosses(
      targets as unknown as TargetContainers,
      injector as unknown as PacketLossInjector,
    );
    campaign = new AttackCampaign(
      targets as unknown as TargetContainers,
      injector as unknown as PacketLossInjector,
      losses,
      publisher as unknown as AttackPublisher,
      new SeededRandomSource(1),
      config,
    );
  });

  afterEach(async () => {
    // Attacks still under way finish on fake time too.
    const stopped = campaign.stop();
    await jest.advanceTimersByTimeAsync(10_000);
    await stopped;
    jest.useRealTimers();
  });

  it('refuses to start before it is configured', async () => {
    const started = campaign.start();

    await expect(started).rejects.toThrow(AntagonistError);
    await expect(started).rejects.toMatchObject({
      code: AntagonistErrorCode.NotConfigured,
    });
    expect(campaign.running).toBe(false);
  });

  it('does nothing once configured until it is started', async () => {
    await campaign.configure(STOP_EVERY_SECOND);

    await jest.advanceTimersByTimeAsync(5_000);

    expect(targets.stop).not.toHaveBeenCalled();
  });

  it('stops a container every period and publishes each attack', async () => {
    await campaign.configure(STOP_EVERY_SECOND);
    await campaign.start();

    await jest.advanceTimersByTimeAsync(3_000);

    expect(targets.stop).toHaveBeenCalledTimes(3);
    expect(publisher.publish).toHaveBeenCalledTimes(3);
    expect(publisher.publish.mock.calls[0][0]).toMatchObject({
      containerId: WEB.id,
      containerName: WEB.name,
      attack: AttackKind.Stop,
      test: 'stops',
    });
  });

  it('removes injected loss once its duration is over', async () => {
    await campaign.configure(LOSS_EVERY_TEN_SECONDS);
    await campaign.start();

    await jest.advanceTimersByTimeAsync(10_000);
    expect(injector.inject).toHaveBeenCalledWith(PID, expect.any(Number));
    expect(injector.remove).not.toHaveBeenCalled();
    expect(publisher.publish.mock.calls[0][0]).toMatchObject({
      attack: AttackKind.PacketLoss,
      durationSeconds: 5,
      method: 'iptables',
    });

    await jest.advanceTimersByTimeAsync(5_000);

    expect(injector.remove).toHaveBeenCalledWith(PID);
  });

  it('removes injected loss before a stop returns', async () => {
    await campaign.configure(LOSS_EVERY_TEN_SECONDS);
    await campaign.start();
    await jest.advanceTimersByTimeAsync(10_000);

    await campaign.stop();

    expect(injector.remove).toHaveBeenCalledTimes(1);
    expect(campaign.running).toBe(false);
    await jest.advanceTimersByTimeAsync(30_000);
    expect(injector.inject).toHaveBeenCalledTimes(1);
    expect(injector.remove).toHaveBeenCalledTimes(1);
  });

  it('removes injected loss when reconfigured, and goes on with the new settings', async () => {
    await campaign.configure(LOSS_EVERY_TEN_SECONDS);
    await campaign.start();
    await jest.advanceTimersByTimeAsync(10_000);

    await campaign.configure(STOP_EVERY_SECOND);
    expect(injector.remove).toHaveBeenCalledTimes(1);

    await jest.advanceTimersByTimeAsync(1_000);
    expect(targets.stop).toHaveBeenCalledTimes(1);
  });

  it('ends by itself after its maximum run time, removing its loss', async () => {
    await campaign.configure({ ...LOSS_EVERY_TEN_SECONDS, duration: 3_600 });
    await campaign.start();

    await jest.advanceTimersByTimeAsync(61_000);

    expect(campaign.running).toBe(false);
    expect(injector.inject).toHaveBeenCalledTimes(6);
    expect(injector.remove).toHaveBeenCalledTimes(6); // five replaced by the next, one at the end
  });

  it('removes injected loss on shutdown', async () => {
    await campaign.configure(LOSS_EVERY_TEN_SECONDS);
    await campaign.start();
    await jest.advanceTimersByTimeAsync(10_000);

    await campaign.beforeApplicationShutdown('SIGTERM');

    expect(injector.remove).toHaveBeenCalledTimes(1);
  });

  it('sweeps every target for leftover loss at start-up', async () => {
    targets.listRunning.mockResolvedValue([WEB, { id: 'beef', name: 'web-2' }]);
    targets.pidOf.mockImplementation(async (target) => (target.id === WEB.id ? 11 : 12));

    await campaign.onApplicationBootstrap();

    expect(injector.remove.mock.calls).toEqual([[11], [12]]);
  });

  it('never attacks a container that an unfinished attack still holds', async () => {
    targets.stop.mockImplementation(
      () => new Promise((resolve) => setTimeout(resolve, 1_000)),
    );
    await campaign.configure({ ...STOP_EVERY_SECOND, frequency: 0.1 });
    await campaign.start();

    await jest.advanceTimersByTimeAsync(550);
    expect(targets.stop).toHaveBeenCalledTimes(1);

    await jest.advanceTimersByTimeAsync(550);

    expect(targets.stop).toHaveBeenCalledTimes(2); // held until the first stop returned at 1.1 s
  });
});
