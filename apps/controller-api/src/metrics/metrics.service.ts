import { FAULT_CAUSES, FaultCause } from '@hms/contracts';
import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

import { HostBandwidth, MESSAGE_DIRECTIONS, MessageDirection } from './host-bandwidth';
import { HostSnapshotSource, registerPlatformGauges } from './platform-gauges';

const PROCESS_METRICS_PREFIX = 'hms_';

/**
 * The controller's Prometheus metrics, in a registry of its own so that
 * nothing else in the process adds series to GET /metrics.
 */
@Injectable()
export class MetricsService {
  private readonly registry = new Registry();
  private readonly bandwidths = new Map<string, HostBandwidth>();
  private snapshot: HostSnapshotSource = () => [];

  private readonly messages = new Counter({
    name: 'hms_messages_total',
    help: "Messages exchanged with each host's manager",
    labelNames: ['host', 'direction'] as const,
    registers: [this.registry],
  });

  private readonly messageBytes = new Counter({
    name: 'hms_message_bytes_total',
    help: "Bytes of message bodies exchanged with each host's manager",
    labelNames: ['host', 'direction'] as const,
    registers: [this.registry],
  });

  private readonly restarts = new Counter({
    name: 'hms_restarts_total',
    help: 'Container restarts reported by each host, by fault cause',
    labelNames: ['host', 'cause'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: PROCESS_METRICS_PREFIX });
    registerPlatformGauges(this.registry, () => this.snapshot());
  }

  /** Where the per-scrape gauges read hosts and containers from. */
  setSnapshotSource(source: HostSnapshotSource): void {
    this.snapshot = source;
  }

  /** Counts one message to or from a host's manager and the bytes of its body. */
  countMessage(host: string, direction: MessageDirection, bytes: number): void {
    // Bytes first: prom-client refuses a negative or non-numeric count, and
    // then nothing at all is counted.
    this.messageBytes.inc({ host, direction }, bytes);
    this.messages.inc({ host, direction });

    const bandwidth = this.bandwidthOf(host);
    if (direction === MessageDirection.In) {
      bandwidth.messagesIn += 1;
      bandwidth.bytesIn += bytes;
    } else {
      bandwidth.messagesOut += 1;
      bandwidth.bytesOut += bytes;
    }
  }

  countRestart(host: string, cause: FaultCause): void {
    this.restarts.inc({ host, cause });
  }

  /** What was exchanged with a host; all zero for a host never heard from. */
  bandwidth(host: string): HostBandwidth {
    const counted = this.bandwidths.get(host);

    return counted === undefined
      ? { messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0 }
      : { ...counted };
  }

  /** Drops every series and count of a host that left the platform. */
  forgetHost(host: string): void {
    for (const direction of MESSAGE_DIRECTIONS) {
      this.messages.remove({ host, direction });
      this.messageBytes.remove({ host, direction });
    }

    for (const cause of FAULT_CAUSES) {
      this.restarts.remove({ host, cause });
    }

    this.bandwidths.delete(host);
  }

  /** Every metric in Prometheus text format, gauges filled as of now. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  private bandwidthOf(host: string): HostBandwidth {
    let bandwidth = this.bandwidths.get(host);
    if (bandwidth === undefined) {
      bandwidth = {
        messagesIn: 0,
        messagesOut: 0,
        bytesIn: 0,
        bytesOut: 0,
        since: Date.now(),
      };
      this.bandwidths.set(host, bandwidth);
    }

    return bandwidth;
  }
}
