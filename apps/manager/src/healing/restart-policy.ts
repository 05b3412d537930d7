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
}

/**
 * Per-container backoff, so a container that keeps failing cannot start a
 * restart storm: the first restart at once, then base, 2 x base, 4 x base...
 * up to max, until it stays up for `resetAfterMs`.
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

  recordRestart(id: string, nowMs: number): void {
    const failures = this.currentStreak(id, nowMs)?.failures ?? 0;

    this.streaks.set(id, { failures: failures + 1, lastRestartMs: nowMs });
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
