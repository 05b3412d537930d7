import { Injectable } from '@nestjs/common';

import { ControllerConfig } from '../config/controller.config';
import { HostNotFoundError } from '../errors/controller-error';
import { MetricsService } from '../metrics/metrics.service';
import { HostLiveness, HostState } from './host-state';

/**
 * Every host the controller supervises, keyed by IPv4 address, with what it
 * knows of each: liveness, desired and reported configuration, containers.
 * The metrics read it at each scrape.
 */
@Injectable()
export class PlatformStateService {
  private readonly hosts = new Map<string, HostState>();

  constructor(
    private readonly config: ControllerConfig,
    metrics: MetricsService,
  ) {
    metrics.setSnapshotSource(() => this.list());
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

  /** Adds a host with the default configuration: the default threshold, nothing ignored. */
  add(address: string, liveness: HostLiveness): HostState {
    const host: HostState = {
      address,
      liveness,
      desired: { threshold: this.config.defaultThreshold, ignored: [] },
      joinedAt: Date.now(),
      revision: 0,
      containers: new Map(),
      aliases: new Map(),
      configurePending: true,
    };
    this.hosts.set(address, host);

    return host;
  }

  remove(address: string): boolean {
    return this.hosts.delete(address);
  }
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
