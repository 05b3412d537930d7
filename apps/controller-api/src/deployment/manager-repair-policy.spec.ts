import { HostLiveness } from '../platform/host-state';
import { backoffMs, repairIsDue } from './manager-repair-policy';

const LIMITS = { startGraceMs: 10_000, maxBackoffMs: 60_000 };
const T0 = 1_000_000;

describe('repairIsDue', () => {
  it('leaves a live manager alone, however long ago anything happened', () => {
    expect(repairIsDue(HostLiveness.Live, 0, undefined, T0, LIMITS)).toBe(false);
  });

  it('revives an unreachable manager at once the first time', () => {
    expect(repairIsDue(HostLiveness.Unreachable, T0, undefined, T0, LIMITS)).toBe(true);
  });

  it('gives a deploying or waiting manager the start grace to announce itself', () => {
    for (const liveness of [HostLiveness.Deploying, HostLiveness.Waiting]) {
      expect(repairIsDue(liveness, T0, undefined, T0 + 9_999, LIMITS)).toBe(false);
      expect(repairIsDue(liveness, T0, undefined, T0 + 10_000, LIMITS)).toBe(true);
    }
  });

  it('waits longer after each attempt that did not bring the manager back', () => {
    const afterOne = { attempts: 1, lastAttemptAt: T0 };
    const afterThree = { attempts: 3, lastAttemptAt: T0 };

    expect(repairIsDue(HostLiveness.Unreachable, T0, afterOne, T0 + 9_999, LIMITS)).toBe(
      false,
    );
    expect(repairIsDue(HostLiveness.Unreachable, T0, afterOne, T0 + 10_000, LIMITS)).toBe(
      true,
    );
    expect(
      repairIsDue(HostLiveness.Unreachable, T0, afterThree, T0 + 39_999, LIMITS),
    ).toBe(false);
    expect(
      repairIsDue(HostLiveness.Unreachable, T0, afterThree, T0 + 40_000, LIMITS),
    ).toBe(true);
  });
});

describe('backoffMs', () => {
  it('doubles from the start grace and stops at the maximum', () => {
    expect([1, 2, 3, 4, 50].map((attempts) => backoffMs(attempts, LIMITS))).toEqual([
      10_000, 20_000, 40_000, 60_000, 60_000,
    ]);
  });
});
