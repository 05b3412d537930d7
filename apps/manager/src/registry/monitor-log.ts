import type { MonitorLogEntryDto } from '@hms/contracts';

/** @default 2000 */
export const MONITOR_LOG_CAPACITY = 2000;

/**
 * The last entries of the monitor log, oldest first. Beyond its capacity the
 * oldest entries go, and `floorRevision` remembers up to where: a reader
 * behind it can no longer be given a delta.
 */
export class MonitorLog {
  private readonly entries: MonitorLogEntryDto[] = [];
  private evictedUpTo = 0;

  constructor(private readonly capacity = MONITOR_LOG_CAPACITY) {}

  /** Revision of the newest entry that was dropped; 0 while none was. */
  get floorRevision(): number {
    return this.evictedUpTo;
  }

  get size(): number {
    return this.entries.length;
  }

  append(entry: MonitorLogEntryDto): void {
    this.entries.push(entry);

    while (this.entries.length > this.capacity) {
      const evicted = this.entries.shift();
      this.evictedUpTo = evicted?.revision ?? this.evictedUpTo;
    }
  }

  all(): MonitorLogEntryDto[] {
    return [...this.entries];
  }

  /** Entries newer than `revision`, oldest first. */
  since(revision: number): MonitorLogEntryDto[] {
    const first = this.entries.findIndex((entry) => entry.revision > revision);

    return first < 0 ? [] : this.entries.slice(first);
  }
}
