import { AntagonistSettingsDto, AttackKind } from '@hms/contracts';

import { RandomSource, standardNormal } from './random-source';

/**
 * Spread of the injected packet loss around the configured mean, in
 * percentage points. The report names a Gaussian but not its spread; 10
 * points keeps most draws within 20 points of the mean (80% gives 60-100%),
 * so attacks vary yet nearly all stay above a usual threshold of 25-50%.
 */
export const LOSS_STANDARD_DEVIATION = 10;

/** A running container the antagonist may attack. */
export interface AttackTarget {
  readonly id: string;
  readonly name: string;
}

export type AttackPlan =
  | { readonly kind: typeof AttackKind.Stop; readonly target: AttackTarget }
  | {
      readonly kind: typeof AttackKind.PacketLoss;
      readonly target: AttackTarget;
      readonly loss: number;
      readonly durationSeconds: number;
    };

/**
 * Decides, once per period, whether and how to attack: with probability
 * `heavy`% an attack happens; it picks one target uniformly; with probability
 * `balance`% it stops it, otherwise it injects packet loss drawn from a
 * Gaussian around `loss`, clamped to 0..100, for `duration` seconds.
 */
export class AttackPlanner {
  constructor(private readonly random: RandomSource) {}

  plan(
    settings: AntagonistSettingsDto,
    targets: readonly AttackTarget[],
  ): AttackPlan | undefined {
    if (!this.happens(settings.heavy) || targets.length === 0) {
      return undefined;
    }

    const target = targets[Math.floor(this.random.next() * targets.length)];
    if (this.happens(settings.balance)) {
      return { kind: AttackKind.Stop, target };
    }

    return {
      kind: AttackKind.PacketLoss,
      target,
      loss: this.drawLoss(settings.loss),
      durationSeconds: settings.duration,
    };
  }

  private happens(percent: number): boolean {
    return this.random.next() * 100 < percent;
  }

  private drawLoss(mean: number): number {
    const drawn = mean + LOSS_STANDARD_DEVIATION * standardNormal(this.random);
    const clamped = Math.min(100, Math.max(0, drawn));

    // One decimal is all iptables' probability and netem's percentage need.
    return Math.round(clamped * 10) / 10;
  }
}
