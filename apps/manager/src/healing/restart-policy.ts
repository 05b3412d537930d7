import { FaultCause } from '@hms/contracts';

export interface RestartPolicyOptions {
  /** Wait before the second restart of a streak; doubles with each further one. */
  readonly baseMs: number;

  /** Longest wait between two restarts. */
  readonly maxMs: number;

  /** A container that stayed up this long since its last restart starts a new streak. */
  readonly resetAfterMs: number;
}

export interface RestartDelay {
  readonly delayMs: number;

  /** Restarts already made in this streak: the container kept failing after them. */
  readonly failures: number;
}

interface Streak {
  failures: number;
  lastRestartMs: number;
  lastCause?: FaultCause;
}

/**
 * Per-container backoff, so a container that keeps failing cannot start a
 * restart storm: the first restart at once, then base, 2 x base, 4 x base...
 * up to max, until it stays up for `resetAfterMs`, or, after a restart for
 * packet loss, until a probe finds it answering again.
 */
export class RestartPolicy {
  private readonly streaks = new Map<string, Streak>();

  constructor(private readonly options: RestartPolicyOptions) {}

  delayFor(id: string, nowMs: number): RestartDelay {
    const failures = this.currentStreak(id, nowMs)?.failures ?? 0;
    if (failures === 0) {
      return { delayMs: 0, failures };
    }

    const { baseMs, maxMs } = this.options;
    const delayMs = Math.min(baseMs * 2 ** (failures - 1), maxMs);

    return { delayMs, failures };
  }

  recordRestart(id: string, nowMs: number, cause?: FaultCause): void {
    const failures = this.currentStreak(id, nowMs)?.failures ?? 0;

    this.streaks.set(id, {
      failures: failures + 1,
      lastRestartMs: nowMs,
      lastCause: cause,
    });
  }

  /**
   * A probe found the container answering. When its last restart was for
   * packet loss, that restart cured it: loss coming back later is a new
   * fault, not a restart that did not help, so it gets no backoff.
   */
  probePassed(id: string): void {
    if (this.streaks.get(id)?.lastCause === FaultCause.PacketLoss) {
      this.streaks.delete(id);
    }
  }

  forget(id: string): void {
    this.streaks.delete(id);
  }

  private currentStreak(id: string, nowMs: number): Streak | undefined {
    const streak = this.streaks.get(id);
    if (
      streak !== undefined &&
      nowMs - streak.lastRestartMs >= this.options.resetAfterMs
    ) {
      this.streaks.delete(id);

      return undefined;
    }

    return streak;
  }
}
