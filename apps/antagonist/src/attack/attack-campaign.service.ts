import { AntagonistSettingsDto, AttackDto, AttackKind } from '@hms/contracts';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';

import { AntagonistError, AntagonistErrorCode } from '../antagonist-error';
import { AntagonistConfig } from '../config/antagonist-config';
import { ANTAGONIST_CONFIG } from '../config/tokens';
import { TargetContainers } from '../docker/target-containers';
import { InjectedLosses } from '../loss/injected-losses';
import { PacketLossInjector } from '../loss/packet-loss-injector';
import { AttackPublisher } from '../messaging/attack-publisher';
import {
  AttackPlan,
  AttackPlanner,
  AttackTarget,
  LOSS_STANDARD_DEVIATION,
} from './attack-planner';
import { AttackScheduler } from './attack-scheduler';
import { AttackTally } from './attack-tally';
import { RANDOM_SOURCE, RandomSource } from './random-source';

/**
 * Attacks under way at once. At a 0.1 s period a stop takes a few periods;
 * beyond this many, ticks are skipped rather than piling up on the engine.
 */
export const MAX_ATTACKS_IN_FLIGHT = 8;

/**
 * The antagonist's campaign: off until configured, then on `start` it
 * attacks every `frequency` seconds as the planner decides, until `stop`, a
 * new configuration, shutdown or its maximum run time. Each of those ends
 * removes every packet loss it injected before it returns.
 */
@Injectable()
export class AttackCampaign implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AttackCampaign.name);
  private readonly scheduler = new AttackScheduler();
  private readonly planner: AttackPlanner;
  private readonly busy = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private settings: AntagonistSettingsDto | undefined;
  private tally = new AttackTally();
  private active = false;
  private commands: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly targets: TargetContainers,
    private readonly injector: PacketLossInjector,
    private readonly losses: InjectedLosses,
    private readonly publisher: AttackPublisher,
    @Inject(RANDOM_SOURCE) random: RandomSource,
    @Inject(ANTAGONIST_CONFIG) private readonly config: AntagonistConfig,
  ) {
    this.planner = new AttackPlanner(random);
  }

  get running(): boolean {
    return this.active;
  }

  /** Replaces the settings; a running campaign cleans up and goes on with them. */
  configure(settings: AntagonistSettingsDto): Promise<void> {
    return this.serially(async () => {
      const wasRunning = this.running;
      await this.halt('reconfigured');

      this.settings = settings;
      this.logger.log(`configured ${describeSettings(settings)}`);
      if (wasRunning) {
        this.begin(settings);
      }
    });
  }

  start(): Promise<void> {
    return this.serially(async () => {
      if (this.settings === undefined) {
        throw new AntagonistError(
          AntagonistErrorCode.NotConfigured,
          'the antagonist has no settings yet: send conf_antagonist first, then start',
        );
      }
      if (!this.running) {
        this.begin(this.settings);
      }
    });
  }

  stop(): Promise<void> {
    return this.serially(() => this.halt('stopped'));
  }

  /** A killed antagonist left loss behind: remove it before anything else. */
  async onApplicationBootstrap(): Promise<void> {
    await this.losses.sweepLeftovers();
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    await this.serially(() => this.halt(`shutting down${signal ? ` on ${signal}` : ''}`));
  }

  private begin(settings: AntagonistSettingsDto): void {
    this.active = true;
    this.tally = new AttackTally();
    this.scheduler.start({
      periodMs: settings.frequency * 1000,
      maxRunMs: this.config.maxRunSeconds * 1000,
      onTick: () => this.tick(settings),
      onExpired: () =>
        void this.serially(() => this.halt('ended at its maximum run time')),
    });

    const scope = this.config.scopeLabel
      ? `label ${this.config.scopeLabel}`
      : 'every container';
    this.logger.log(`campaign ${settings.name} started against ${scope} on this engine`);
  }

  /** Ends the campaign, waits for attacks under way, removes all injected loss. */
  private async halt(reason: string): Promise<void> {
    const wasActive = this.active;
    this.active = false;
    this.scheduler.stop();
    await Promise.allSettled([...this.inFlight]);
    await this.losses.removeAll(reason);

    if (wasActive && this.settings) {
      this.logger.log(
        `campaign ${this.settings.name} ${reason}: ${this.tally.summary()}`,
      );
    }
  }

  private tick(settings: AntagonistSettingsDto): void {
    if (this.inFlight.size >= MAX_ATTACKS_IN_FLIGHT) {
      this.tally.skipped += 1;

      return;
    }

    const attack = this.attackOnce(settings)
      .catch((error) => this.logger.warn(`attack failed: ${(error as Error).message}`))
      .finally(() => this.inFlight.delete(attack));
    this.inFlight.add(attack);
  }

  private async attackOnce(settings: AntagonistSettingsDto): Promise<void> {
    const running = await this.targets.listRunning();
    const candidates = running.filter((target) => !this.busy.has(target.id));
    const plan = this.planner.plan(settings, candidates);
    if (plan === undefined) {
      return;
    }

    this.busy.add(plan.target.id);
    try {
      const attack = await this.execute(plan, settings.name);
      this.tally.count(attack);
      await this.publisher.publish(attack);
    } finally {
      this.busy.delete(plan.target.id);
    }
  }

  private async execute(plan: AttackPlan, test: string): Promise<AttackDto> {
    if (plan.kind === AttackKind.Stop) {
      return this.stopTarget(plan.target, test);
    }

    return this.injectLoss(plan.target, plan.loss, plan.durationSeconds, test);
  }

  private async stopTarget(target: AttackTarget, test: string): Promise<AttackDto> {
    const at = new Date();
    await this.targets.stop(target);
    this.logger.log(
      `stopped ${target.name} (${test}) in ${Date.now() - at.getTime()} ms`,
    );

    return { ...attackBase(target, at, test), attack: AttackKind.Stop };
  }

  private async injectLoss(
    target: AttackTarget,
    loss: number,
    durationSeconds: number,
    test: string,
  ): Promise<AttackDto> {
    const pid = await this.targets.pidOf(target);
    await this.losses.remove(target.id, 'replaced by a new loss attack');

    const at = new Date();
    const method = await this.injector.inject(pid, loss);
    this.losses.track(target, durationSeconds * 1000, (removal) =>
      this.trackWork(removal),
    );
    this.logger.log(
      `injected ${loss}% packet loss into ${target.name} for ${durationSeconds} s with ${method} (${test})`,
    );

    return {
      ...attackBase(target, at, test),
      attack: AttackKind.PacketLoss,
      loss,
      durationSeconds,
      method,
    };
  }

  /** Keeps a loss removal among the work `halt` waits for. */
  private trackWork(work: Promise<void>): void {
    const tracked = work.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  /** Commands run one after another, so a stop never interleaves a start. */
  private serially<T>(command: () => Promise<T>): Promise<T> {
    const result = this.commands.then(command);
    this.commands = result.catch(() => undefined);

    return result;
  }
}

function attackBase(target: AttackTarget, at: Date, test: string) {
  return {
    at: at.toISOString(),
    containerId: target.id,
    containerName: target.name,
    test,
  };
}

function describeSettings(settings: AntagonistSettingsDto): string {
  return (
    `${settings.name}: every ${settings.frequency} s attack with p=${settings.heavy}%, ` +
    `stop ${settings.balance}% / packet loss ${100 - settings.balance}% ` +
    `(mean ${settings.loss}%, sd ${LOSS_STANDARD_DEVIATION}) for ${settings.duration} s`
  );
}
