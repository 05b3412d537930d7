/**
 * Gathers the hosts that announced an update for a fixed window, then hands
 * them over in one batch, so a burst of updates costs one content request per
 * host instead of one per notice. The first pending host opens the window; a
 * host marked again while the window is open is still asked once.
 *
 * Pure: it only uses the global timer functions, which unit tests fake.
 */
export class AggregationWindow {
  private readonly pending = new Set<string>();
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly windowMs: number,
    private readonly onClose: (addresses: string[]) => void,
  ) {}

  /** Marks a host as having news; opens the window when none is open. */
  add(address: string): void {
    this.pending.add(address);

    if (this.timer === undefined) {
      this.timer = setTimeout(() => this.close(), this.windowMs);
    }
  }

  /** Forgets a host, e.g. one that left supervision while pending. */
  remove(address: string): void {
    this.pending.delete(address);
  }

  get isOpen(): boolean {
    return this.timer !== undefined;
  }

  /** Drops the open window without handing anything over, for shutdown. */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private close(): void {
    this.timer = undefined;
    const batch = [...this.pending];
    this.pending.clear();

    if (batch.length > 0) {
      this.onClose(batch);
    }
  }
}
