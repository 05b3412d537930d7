import { Injectable, Logger, OnModuleInit } from '@nestjs/common';

import { ControllerConfig } from '../config/controller.config';
import { DesiredStateNotSavedError, HostNotFoundError } from '../errors/controller-error';
import { MetricsService } from '../metrics/metrics.service';
import { shortIdOf } from './container-lookup';
import { DesiredStateRepository, SavedHost } from './desired-state.repository';
import { DesiredHostConfig, HostLiveness, HostState } from './host-state';

/**
 * Every host the controller supervises, keyed by IPv4 address, with what it
 * knows of each: liveness, desired and reported configuration, containers.
 * The metrics read it at each scrape.
 *
 * The desired configuration is written through to the database, so a
 * restarted controller takes its hosts back (as `waiting` until their
 * managers are heard from). Adding and removing a host are saved first: when
 * the database refuses, nothing changes. A new threshold or ignore list is
 * already in effect on the manager when it is saved; when the database
 * refuses, it stays in effect and the error says it is not saved.
 */
@Injectable()
export class PlatformStateService implements OnModuleInit {
  private readonly logger = new Logger(PlatformStateService.name);
  private readonly hosts = new Map<string, HostState>();

  /** Hosts an operator removed; their managers' heartbeats are ignored until one is added again. */
  private readonly removed = new Set<string>();

  constructor(
    private readonly config: ControllerConfig,
    metrics: MetricsService,
    private readonly saved: DesiredStateRepository,
  ) {
    metrics.setSnapshotSource(() => this.list());
  }

  /** Takes back the hosts, their desired configuration and the removed hosts saved earlier. */
  onModuleInit(): void {
    const { hosts, removed } = this.saved.load();

    for (const saved of hosts) {
      this.hosts.set(saved.address, restoredHost(saved));
    }
    removed.forEach((address) => this.removed.add(address));

    if (hosts.length + removed.length > 0) {
      this.logger.log(
        `restored ${hosts.length} host(s), waiting for their managers, ` +
          `and ${removed.length} removed host(s) from ${this.config.historyDb}`,
      );
    }
  }

  /** Every host, in address order. */
  list(): HostState[] {
    return [...this.hosts.values()].sort((a, b) =>
      compareAddresses(a.address, b.address),
    );
  }

  find(address: string): HostState | undefined {
    return this.hosts.get(address);
  }

  /** The host at `address`, or a 404 saying how to add it. */
  require(address: string): HostState {
    const host = this.hosts.get(address);
    if (host === undefined) {
      throw new HostNotFoundError(address);
    }

    return host;
  }

  /** Adds a host, by default with the default threshold and nothing ignored. Saved first. */
  add(
    address: string,
    liveness: HostLiveness,
    desired: DesiredHostConfig = { threshold: this.config.defaultThreshold, ignored: [] },
  ): HostState {
    const host = newHost(address, liveness, desired, Date.now());
    this.save(
      [host],
      `host ${address} is not added; add it again once the database is writable`,
    );

    this.hosts.set(address, host);
    this.removed.delete(address);

    return host;
  }

  /** Forgets a host and keeps its manager's heartbeats out. Saved first. */
  remove(address: string): boolean {
    if (!this.hosts.has(address)) {
      return false;
    }

    try {
      this.saved.saveRemoval(address);
    } catch (error) {
      throw new DesiredStateNotSavedError(
        `host ${address} is still supervised (its manager may be retired already); ` +
          'remove it again once the database is writable',
        error,
      );
    }
    this.hosts.delete(address);
    this.removed.add(address);

    return true;
  }

  wasRemoved(address: string): boolean {
    return this.removed.has(address);
  }

  /** Sets the desired threshold of the given hosts and saves them in one go. */
  setThreshold(hosts: readonly HostState[], threshold: number): void {
    for (const host of hosts) {
      host.desired.threshold = threshold;
    }

    this.save(
      hosts.filter((host) => this.holds(host)),
      `threshold ${threshold}% is in effect but is lost if the controller restarts; ` +
        'set it again once the database is writable',
    );
  }

  /** Replaces the host's desired ignore list and saves it. */
  setIgnored(host: HostState, ignored: string[]): void {
    host.desired.ignored = ignored;
    if (!this.holds(host)) {
      return;
    }

    this.save(
      [host],
      `the ignore list of ${host.address} is in effect but is lost if the controller ` +
        'restarts; repeat the request once the database is writable',
    );
  }

  /**
   * Whether this very host is still held: a command's reply can arrive after
   * its host was removed (and maybe added again), and must not bring it back.
   */
  private holds(host: HostState): boolean {
    return this.hosts.get(host.address) === host;
  }

  private save(hosts: readonly HostState[], consequence: string): void {
    if (hosts.length === 0) {
      return;
    }

    try {
      this.saved.saveHosts(hosts.map(toSavedHost));
    } catch (error) {
      throw new DesiredStateNotSavedError(consequence, error);
    }
  }
}

function newHost(
  address: string,
  liveness: HostLiveness,
  desired: DesiredHostConfig,
  joinedAt: number,
): HostState {
  return {
    address,
    liveness,
    desired: { threshold: desired.threshold, ignored: [...desired.ignored] },
    joinedAt,
    revision: 0,
    containers: new Map(),
    aliases: new Map(),
    configurePending: true,
  };
}

function toSavedHost(host: HostState): SavedHost {
  const ignoredNames = host.desired.ignored.flatMap((id) => {
    const name = host.aliases?.get(shortIdOf(id))?.name;

    return name === undefined ? [] : [[id, name] as const];
  });

  return {
    address: host.address,
    desired: host.desired,
    ignoredNames: Object.fromEntries(ignoredNames),
    addedAt: host.joinedAt,
  };
}

/** A saved host, waiting for its manager, its ignored containers findable by name again. */
function restoredHost(saved: SavedHost): HostState {
  const host = newHost(saved.address, HostLiveness.Waiting, saved.desired, saved.addedAt);
  host.restored = true;

  for (const [id, name] of Object.entries(saved.ignoredNames)) {
    const fullId = id.length > shortIdOf(id).length ? id : undefined;
    host.aliases?.set(shortIdOf(id), { fullId, name });
  }

  return host;
}

function compareAddresses(a: string, b: string): number {
  const [left, right] = [a, b].map((address) => address.split('.').map(Number));

  for (let octet = 0; octet < 4; octet++) {
    const difference = (left[octet] ?? 0) - (right[octet] ?? 0);
    if (difference !== 0) {
      return difference;
    }
  }

  return 0;
}
