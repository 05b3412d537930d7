import { AntagonistSettingsDto, AttackKind, TEST_LOW_LOW } from '@hms/contracts';

import {
  AttackPlan,
  AttackPlanner,
  AttackTarget,
  LOSS_STANDARD_DEVIATION,
} from './attack-planner';
import { SeededRandomSource } from './random-source';

const DRAWS = 10_000;

const TARGETS: AttackTarget[] = ['a', 'b', 'c', 'd', 'e'].map((id) => ({
  id,
  name: `web-${id}`,
}));

function settings(overrides: Partial<AntagonistSettingsDto> = {}): AntagonistSettingsDto {
  return { ...TEST_LOW_LOW, ...overrides };
}

function planMany(
  overrides: Partial<AntagonistSettingsDto>,
  seed = 42,
): (AttackPlan | undefined)[] {
  const planner = new AttackPlanner(new SeededRandomSource(seed));
  const chosen = settings(overrides);

  return Array.from({ length: DRAWS }, () => planner.plan(chosen, TARGETS));
}

function share(count: number, total: number): number {
  return (count / total) * 100;
}

describe('AttackPlanner', () => {
  it('attacks in heavy% of the periods', () => {
    const plans = planMany({ heavy: 25 });

    const attacks = plans.filter((plan) => plan !== undefined).length;

    // 10k Bernoulli(0.25) draws: sd 0.43 points, so 1.5 points is 3.5 sd.
    expect(share(attacks, DRAWS)).toBeGreaterThan(23.5);
    expect(share(attacks, DRAWS)).toBeLessThan(26.5);
  });

  it('stops a container in balance% of the attacks, injects loss otherwise', () => {
    const attacks = planMany({ heavy: 100, balance: 70 }).filter(
      (plan) => plan !== undefined,
    );

    const stops = attacks.filter((plan) => plan.kind === AttackKind.Stop).length;

    expect(attacks).toHaveLength(DRAWS);
    expect(share(stops, DRAWS)).toBeGreaterThan(68.5);
    expect(share(stops, DRAWS)).toBeLessThan(71.5);
  });

  it('picks every target about equally often', () => {
    const attacks = planMany({ heavy: 100 }).filter((plan) => plan !== undefined);

    for (const target of TARGETS) {
      const picked = attacks.filter((plan) => plan.target.id === target.id).length;

      expect(share(picked, DRAWS)).toBeGreaterThan(18.5);
      expect(share(picked, DRAWS)).toBeLessThan(21.5);
    }
  });

  it('draws loss from a Gaussian around the mean with the documented spread', () => {
    const losses = lossesOf(planMany({ heavy: 100, balance: 0, loss: 50 }));

    const mean = losses.reduce((sum, loss) => sum + loss, 0) / losses.length;
    const variance =
      losses.reduce((sum, loss) => sum + (loss - mean) ** 2, 0) / losses.length;
    const withinOneSd = losses.filter(
      (loss) => Math.abs(loss - 50) <= LOSS_STANDARD_DEVIATION,
    );

    expect(mean).toBeGreaterThan(49.5);
    expect(mean).toBeLessThan(50.5);
    expect(Math.sqrt(variance)).toBeGreaterThan(LOSS_STANDARD_DEVIATION * 0.95);
    expect(Math.sqrt(variance)).toBeLessThan(LOSS_STANDARD_DEVIATION * 1.05);
    expect(share(withinOneSd.length, losses.length)).toBeGreaterThan(66);
    expect(share(withinOneSd.length, losses.length)).toBeLessThan(70.5);
  });

  it('clamps loss to 0..100 near the ends', () => {
    const high = lossesOf(planMany({ heavy: 100, balance: 0, loss: 98 }));
    const low = lossesOf(planMany({ heavy: 100, balance: 0, loss: 1 }));

    expect(Math.max(...high)).toBe(100);
    expect(Math.min(...low)).toBe(0);
    expect(high.filter((loss) => loss === 100).length).toBeGreaterThan(DRAWS * 0.4);
  });

  it('gives each loss attack the configured duration', () => {
    const plans = planMany({ heavy: 100, balance: 0, duration: 20 });

    expect(
      plans.every(
        (plan) => plan?.kind === AttackKind.PacketLoss && plan.durationSeconds === 20,
      ),
    ).toBe(true);
  });

  it('never attacks at heavy 0, always at heavy 100', () => {
    expect(planMany({ heavy: 0 }).every((plan) => plan === undefined)).toBe(true);
    expect(planMany({ heavy: 100 }).every((plan) => plan !== undefined)).toBe(true);
  });

  it('does nothing when no container is running', () => {
    const planner = new AttackPlanner(new SeededRandomSource(1));

    expect(planner.plan(settings({ heavy: 100 }), [])).toBeUndefined();
  });

  it('replays the same attacks from the same seed', () => {
    expect(planMany({ heavy: 50 }, 7)).toEqual(planMany({ heavy: 50 }, 7));
    expect(planMany({ heavy: 50 }, 7)).not.toEqual(planMany({ heavy: 50 }, 8));
  });
});

function lossesOf(plans: (AttackPlan | undefined)[]): number[] {
  return plans.flatMap((plan) =>
    plan?.kind === AttackKind.PacketLoss ? [plan.loss] : [],
  );
}
