export interface ScheduleOptions {
  /** Time between two ticks (the report's `frequency`, in ms). */
  readonly periodMs: number;

  /** The schedule ends by itself after this long, whatever happens. */
  readonly maxRunMs: number;

  readonly onTick: () => void;

  /** Called once when `maxRunMs` has passed (not when stopped). */
  readonly onExpired: () => void;
}

/**
 * Calls `onTick` on a fixed cadence: tick n is due at start + n x period, so
 * a slow tick delays the next one without shifting every later one. Ticks
 * that fell due while the event loop was blocked are skipped, not replayed
 * in a burst.
 */
export class AttackScheduler {
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private ticks = 0;

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** Ticks run so far since the last start. */
  get tickCount(): number {
    return this.ticks;
  }

  start(options: ScheduleOptions): void {
    this.stop();
    this.startedAt = Date.now();
    this.ticks = 0;
    this.scheduleNext(options, 1);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private scheduleNext(options: ScheduleOptions, tickNumber: number): void {
    const dueAt = this.startedAt + tickNumber * options.periodMs;
    const endsAt = this.startedAt + options.maxRunMs;
    if (dueAt > endsAt) {
      this.timer = setTimeout(() => this.expire(options), endsAt - Date.now());

      return;
    }

    this.timer = setTimeout(() => this.tick(options, tickNumber), dueAt - Date.now());
  }

  private tick(options: ScheduleOptions, tickNumber: number): void {
    this.ticks += 1;
    options.onTick();

    if (this.timer === undefined) {
      return; // onTick stopped the schedule
    }

    const elapsedTicks = Math.floor((Date.now() - this.startedAt) / options.periodMs);
    this.scheduleNext(options, Math.max(tickNumber, elapsedTicks) + 1);
  }

  private expire(options: ScheduleOptions): void {
    this.timer = undefined;
    options.onExpired();
  }
}
