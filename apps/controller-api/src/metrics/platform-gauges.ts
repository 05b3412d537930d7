import { HMS_STATUSES, HmsStatus } from '@hms/contracts';
import { Gauge, Registry } from 'prom-client';

import { HostLiveness, HostState } from '../platform/host-state';

/** Where the gauges read the platform from at each scrape. */
export type HostSnapshotSource = () => Iterable<HostState>;

const LIVENESS_VALUES: readonly HostLiveness[] = Object.values(HostLiveness);

/**
 * Registers gauges that describe the platform as it is now. They hold nothing
 * between scrapes: each scrape resets them and fills them from the snapshot,
 * so a host or container that left simply disappears.
 */
export function registerPlatformGauges(
  registry: Registry,
  snapshot: HostSnapshotSource,
): void {
  new Gauge({
    name: 'hms_containers',
    help: 'Containers on each host by HMS status',
    labelNames: ['host', 'status'] as const,
    registers: [registry],
    collect() {
      fillContainers(this, snapshot());
    },
  });

  new Gauge({
    name: 'hms_container_packet_loss_percent',
    help: 'Packet loss of the last probe of each container, in percent',
    labelNames: ['host', 'container', 'name'] as const,
    registers: [registry],
    collect() {
      fillPacketLoss(this, snapshot());
    },
  });

  new Gauge({
    name: 'hms_hosts',
    help: 'Hosts by liveness as the controller sees them',
    labelNames: ['liveness'] as const,
    registers: [registry],
    collect() {
      fillHosts(this, snapshot());
    },
  });
}

function fillContainers(
  gauge: Gauge<'host' | 'status'>,
  hosts: Iterable<HostState>,
): void {
  gauge.reset();

  for (const host of hosts) {
    const counts = new Map<HmsStatus, number>(HMS_STATUSES.map((status) => [status, 0]));
    for (const container of host.containers.values()) {
      counts.set(container.status, (counts.get(container.status) ?? 0) + 1);
    }

    for (const [status, count] of counts) {
      gauge.set({ host: host.address, status }, count);
    }
  }
}

function fillPacketLoss(
  gauge: Gauge<'host' | 'container' | 'name'>,
  hosts: Iterable<HostState>,
): void {
  gauge.reset();

  for (const host of hosts) {
    for (const container of host.containers.values()) {
      if (container.packetLoss === undefined) {
        continue;
      }

      const labels = {
        host: host.address,
        container: container.id,
        name: container.name ?? '',
      };
      gauge.set(labels, container.packetLoss);
    }
  }
}

function fillHosts(gauge: Gauge<'liveness'>, hosts: Iterable<HostState>): void {
  gauge.reset();

  const counts = new Map<HostLiveness, number>(
    LIVENESS_VALUES.map((value) => [value, 0]),
  );
  for (const host of hosts) {
    counts.set(host.liveness, (counts.get(host.liveness) ?? 0) + 1);
  }

  for (const [liveness, count] of counts) {
    gauge.set({ liveness }, count);
  }
}
