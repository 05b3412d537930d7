import { Injectable, Logger } from '@nestjs/common';

import { AntagonistError, AntagonistErrorCode } from '../antagonist-error';
import { AttackTarget } from '../attack/attack-planner';
import { TargetContainers } from '../docker/target-containers';
import { PacketLossInjector } from './packet-loss-injector';

interface InjectedLoss {
  readonly target: AttackTarget;
  readonly injectedAt: number;
  readonly timer: NodeJS.Timeout;
}

/**
 * The packet loss the antagonist injected and has not removed yet, one per
 * container. Each is removed when its duration ends, or earlier on demand;
 * removal always works on the container's current network namespace, so a
 * container restarted meanwhile (fresh namespace) simply has nothing left.
 */
@Injectable()
export class InjectedLosses {
  private readonly logger = new Logger(InjectedLosses.name);
  private readonly active = new Map<string, InjectedLoss>();

  constructor(
    private readonly targets: TargetContainers,
    private readonly injector: PacketLossInjector,
  ) {}

  get size(): number {
    return this.active.size;
  }

  /**
   * Remembers a loss just injected into `target` and removes it after
   * `durationMs`; the removal is handed to `onExpiry` so the caller can wait
   * for it when it stops.
   */
  track(
    target: AttackTarget,
    durationMs: number,
    onExpiry: (removal: Promise<void>) => void,
  ): void {
    const timer = setTimeout(
      () => onExpiry(this.remove(target.id, 'duration over')),
      durationMs,
    );
    this.active.set(target.id, { target, injectedAt: Date.now(), timer });
  }

  async remove(containerId: string, reason: string): Promise<void> {
    const loss = this.active.get(containerId);
    if (loss === undefined) {
      return;
    }

    clearTimeout(loss.timer);
    this.active.delete(containerId);
    const why = `${reason}, after ${secondsSince(loss.injectedAt)} s`;
    const removed = await this.removeFrom(loss.target, why);
    if (removed?.length === 0) {
      this.logger.log(
        `packet loss on ${loss.target.name} was already gone (${why}): restarted meanwhile`,
      );
    }
  }

  async removeAll(reason: string): Promise<void> {
    const containerIds = [...this.active.keys()];

    await Promise.all(
      containerIds.map((containerId) => this.remove(containerId, reason)),
    );
  }

  /** Removes loss that an earlier antagonist process left in any target. */
  async sweepLeftovers(): Promise<void> {
    const running = await this.targets.listRunning();

    for (const target of running) {
      await this.removeFrom(target, 'left by an earlier antagonist process');
    }
    this.logger.log(
      `start-up sweep: checked ${running.length} target container(s) for leftover loss`,
    );
  }

  /**
   * Removes our loss from the container's current namespace and says what it
   * removed; undefined when there was nothing to work on or it failed.
   */
  private async removeFrom(
    target: AttackTarget,
    reason: string,
  ): Promise<string[] | undefined> {
    try {
      const pid = await this.targets.pidOf(target);
      const removed = await this.injector.remove(pid);
      if (removed.length > 0) {
        this.logger.log(
          `removed packet loss from ${target.name} (${reason}): ${removed.join(', ')}`,
        );
      }

      return removed;
    } catch (error) {
      if (
        error instanceof AntagonistError &&
        error.code === AntagonistErrorCode.ContainerNotRunning
      ) {
        this.logger.log(
          `packet loss on ${target.name} went with its network namespace (${reason})`,
        );

        return undefined;
      }

      // The loss may still be there: an operator has to look at this container.
      this.logger.error(
        `could not remove packet loss from ${target.name} (${reason}): ${(error as Error).message}`,
      );

      return undefined;
    }
  }
}

function secondsSince(startedAt: number): string {
  return ((Date.now() - startedAt) / 1000).toFixed(1);
}
