import { Inject, Injectable, Optional } from '@nestjs/common';

import { ManagerContentDto, MonitorLogEntryDto, MonitorLogKind } from '@hms/contracts';
import type { ContainerSnapshot } from '@hms/docker';

import { HostSettings } from '../config/host-settings';
import {
  ContainerRecord,
  discoveredEntry,
  fingerprint,
  toContainerStatus,
} from './container-record';
import { MONITOR_LOG_CAPACITY, MonitorLog } from './monitor-log';

/** A log entry before the registry gives it its revision and time. */
export type LogEntryInput = Omit<MonitorLogEntryDto, 'revision' | 'at'>;

export type UpsertOutcome = 'added' | 'changed' | 'unchanged';

type ChangeListener = (revision: number) => void;

/** Injection token to size the monitor log; tests make it small. */
export const MONITOR_LOG_CAPACITY_TOKEN = 'MONITOR_LOG_CAPACITY';

/**
 * The containers a manager knows and its monitor log. Every change bumps the
 * revision, so a controller can ask for only what changed since the one it has.
 */
@Injectable()
export class ContainerRegistry {
  private readonly records = new Map<string, ContainerRecord>();

  /** Short IDs of removed containers, with the revision that removed them. */
  private readonly removed = new Map<string, number>();
  private readonly log: MonitorLog;
  private readonly listeners = new Set<ChangeListener>();
  private currentRevision = 0;

  constructor(
    private readonly settings: HostSettings,
    @Optional() @Inject(MONITOR_LOG_CAPACITY_TOKEN) logCapacity?: number,
  ) {
    this.log = new MonitorLog(logCapacity ?? MONITOR_LOG_CAPACITY);
  }

  get revision(): number {
    return this.currentRevision;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);

    return () => this.listeners.delete(listener);
  }

  all(): ContainerRecord[] {
    return [...this.records.values()];
  }

  get(id: string): ContainerRecord | undefined {
    return this.records.get(id);
  }

  /** Finds a container by full ID, unique ID prefix (short ID) or name. */
  resolve(ref: string): ContainerRecord | undefined {
    const byIdOrName = [...this.records.values()].find(
      ({ snapshot }) => snapshot.id === ref || snapshot.name === ref,
    );
    if (byIdOrName !== undefined) {
      return byIdOrName;
    }

    const byPrefix = [...this.records.values()].filter(({ snapshot }) =>
      snapshot.id.startsWith(ref.toLowerCase()),
    );

    return byPrefix.length === 1 ? byPrefix[0] : undefined;
  }

  /** Stores a fresh snapshot; a new container gets a `discovered` entry. */
  upsert(snapshot: ContainerSnapshot): UpsertOutcome {
    const existing = this.records.get(snapshot.id);
    if (existing === undefined) {
      const leftDown = this.settings.exitedLongAgo(snapshot, Date.now());
      this.records.set(snapshot.id, {
        snapshot,
        phase: 'ok',
        restarts: 0,
        leftDown,
        changedRevision: 0,
      });
      this.update(snapshot.id, () => undefined, discoveredEntry(snapshot, leftDown));

      return 'added';
    }

    const changed = fingerprint(existing.snapshot) !== fingerprint(snapshot);
    if (!changed) {
      existing.snapshot = snapshot;

      return 'unchanged';
    }
    this.update(snapshot.id, (record) => {
      record.snapshot = snapshot;
      // Seen running (again), it is supervised like any other from now on.
      if (snapshot.state === 'running') {
        record.leftDown = false;
      }
    });

    return 'changed';
  }

  /** Forgets a container the engine no longer has; returns false if it was unknown. */
  remove(id: string): boolean {
    const record = this.records.get(id);
    if (record === undefined) {
      return false;
    }

    const { shortId, name } = record.snapshot;
    this.records.delete(id);
    const revision = this.append({
      kind: MonitorLogKind.Removed,
      containerId: shortId,
      containerName: name,
      message: `${name} was removed from the host`,
    });
    this.removed.set(shortId, revision);
    this.notify();

    return true;
  }

  /**
   * Applies `change` to a container's record as one revision, with an optional
   * monitor log entry describing it.
   */
  update(
    id: string,
    change: (record: ContainerRecord) => void,
    entry?: LogEntryInput,
  ): void {
    const record = this.records.get(id);
    if (record === undefined) {
      return;
    }

    change(record);
    record.changedRevision = entry === undefined ? this.bump() : this.append(entry);
    this.notify();
  }

  /** Records a probe; only a changed loss is a new revision, not every probe. */
  recordProbe(id: string, packetLoss: number, probedAt: Date): void {
    const record = this.records.get(id);
    if (record === undefined) {
      return;
    }

    record.probedAt = probedAt.toISOString();
    if (record.packetLoss !== packetLoss) {
      this.update(id, (changed) => (changed.packetLoss = packetLoss));
    }
  }

  /** Adds an entry that concerns the host rather than one container. */
  note(entry: LogEntryInput): void {
    this.append(entry);
    this.notify();
  }

  /** Marks every record changed, e.g. when the host stopped or resumed acting. */
  touchAll(): void {
    const revision = this.bump();
    for (const record of this.records.values()) {
      record.changedRevision = revision;
    }
    this.notify();
  }

  /**
   * The content `give_content` returns: everything when `since` is absent, 0,
   * ahead of this log (the manager restarted) or older than its oldest entry;
   * otherwise only what changed after `since`.
   */
  contentSince(since?: number): ManagerContentDto {
    const revision = this.currentRevision;
    const full =
      since === undefined ||
      since <= 0 ||
      since > revision ||
      since < this.log.floorRevision;
    const after = full ? 0 : since;

    const containers = this.all()
      .filter((record) => full || record.changedRevision > after)
      .map((record) => toContainerStatus(record, this.statusContext(record)));
    const removed = full
      ? []
      : [...this.removed].filter(([, at]) => at > after).map(([shortId]) => shortId);
    const log = full ? this.log.all() : this.log.since(after);

    return {
      revision,
      full,
      threshold: this.settings.threshold,
      containers,
      removed,
      log,
    };
  }

  private statusContext(record: ContainerRecord) {
    return {
      ignored: this.settings.isIgnored(record.snapshot),
      acting: this.settings.acting,
    };
  }

  private append(entry: LogEntryInput): number {
    const revision = this.bump();
    this.log.append({ revision, at: new Date().toISOString(), ...entry });
    this.forgetRemovalsBefore(this.log.floorRevision);

    return revision;
  }

  private bump(): number {
    this.currentRevision += 1;

    return this.currentRevision;
  }

  /** A reader behind the floor gets everything anyway: older removals are moot. */
  private forgetRemovalsBefore(floor: number): void {
    for (const [shortId, revision] of this.removed) {
      if (revision <= floor) {
        this.removed.delete(shortId);
      }
    }
  }

  private notify(): void {
    for (const listener of this.listeners) {
      listener(this.currentRevision);
    }
  }
}
