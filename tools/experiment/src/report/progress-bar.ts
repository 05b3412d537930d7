const BAR_WIDTH = 30;
const REDRAW_MS = 1000;

/**
 * A progress line on stderr: a bar, the run under way and the time left by
 * the estimate. On a terminal it redraws in place every second; otherwise
 * (CI logs) it prints one line per step.
 */
export class ProgressBar {
  private readonly startedAt = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private step = '';
  private done = 0;

  constructor(
    private readonly estimatedSeconds: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  start(): void {
    if (this.stream.isTTY) {
      this.timer = setInterval(() => this.draw(), REDRAW_MS);
      this.timer.unref();
    }
  }

  /** A new step began; `fraction` is the share of the work already done (0..1). */
  update(step: string, fraction: number): void {
    this.step = step;
    this.done = Math.min(Math.max(fraction, 0), 1);
    if (this.stream.isTTY) {
      this.draw();
    } else {
      this.stream.write(`${this.line()}\n`);
    }
  }

  /** A message that must not be overwritten by the bar. */
  note(message: string): void {
    this.clear();
    this.stream.write(`${message}\n`);
  }

  finish(): void {
    clearInterval(this.timer);
    this.clear();
  }

  private draw(): void {
    this.stream.write(`\r\x1b[2K${this.line()}`);
  }

  private clear(): void {
    if (this.stream.isTTY) {
      this.stream.write('\r\x1b[2K');
    }
  }

  private line(): string {
    const filled = Math.round(this.done * BAR_WIDTH);
    const bar = `${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}`;
    const elapsed = (Date.now() - this.startedAt) / 1000;
    const left =
      this.done >= 1
        ? ''
        : `, ~${clock(Math.max(this.estimatedSeconds - elapsed, 0))} left`;

    return `[${bar}] ${Math.round(this.done * 100)}%  ${this.step}  ${clock(elapsed)} elapsed${left}`;
  }
}

function clock(seconds: number): string {
  const whole = Math.round(seconds);

  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
