import { Injectable } from '@nestjs/common';

import type { ContainerSnapshot } from '@hms/docker';

import { ManagerConfig } from './manager.config';

/**
 * What the controller may change at run time: the packet loss threshold, the
 * ignore list and whether this manager acts at all (a retired host does not).
 */
@Injectable()
export class HostSettings {
  /** Packet loss (%) above which a container is restarted. */
  threshold: number;

  /** False once the host was retired: no probes, no restarts. */
  acting = true;

  private readonly ignoreList = new Set<string>();

  constructor(private readonly config: ManagerConfig) {
    this.threshold = config.threshold;
  }

  get ignoredRefs(): readonly string[] {
    return [...this.ignoreList];
  }

  /**
   * Whether a container first seen already exited exited too long ago to be
   * restarted. Without a known exit time it is restarted, as before.
   */
  exitedLongAgo(snapshot: ContainerSnapshot, nowMs: number): boolean {
    const down = snapshot.state === 'exited' || snapshot.state === 'dead';
    const finishedMs = Date.parse(snapshot.finishedAt ?? '');

    return (
      down &&
      Number.isFinite(finishedMs) &&
      nowMs - finishedMs > this.config.restartExitedWithinMs
    );
  }

  isIgnored(snapshot: ContainerSnapshot): boolean {
    return this.isLabelIgnored(snapshot) || this.isListIgnored(snapshot);
  }

  /** Ignored by its own label; only recreating the container changes that. */
  isLabelIgnored(snapshot: ContainerSnapshot): boolean {
    return snapshot.labels[this.config.ignoreLabel]?.toLowerCase() === 'true';
  }

  isListIgnored(snapshot: ContainerSnapshot): boolean {
    return containerRefs(snapshot).some((ref) => this.ignoreList.has(ref));
  }

  ignore(snapshot: ContainerSnapshot): void {
    this.ignoreList.add(snapshot.id);
  }

  /** Forgets every way the list may name this container. */
  supervise(snapshot: ContainerSnapshot): void {
    for (const ref of containerRefs(snapshot)) {
      this.ignoreList.delete(ref);
    }
  }

  /** Replaces the ignore list wholesale, as host_configure asks. */
  replaceIgnoreList(refs: readonly string[]): void {
    this.ignoreList.clear();
    for (const ref of refs) {
      this.ignoreList.add(ref);
    }
  }

  get ignoreLabel(): string {
    return this.config.ignoreLabel;
  }
}

function containerRefs(snapshot: ContainerSnapshot): string[] {
  return [snapshot.id, snapshot.shortId, snapshot.name];
}
