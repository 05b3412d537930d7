import {
  CommandName,
  ManagerContentDto,
  MonitorLogEntryDto,
  MonitorLogKind,
} from '@hms/contracts';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';

import { ControllerConfig } from '../config/controller.config';
import { HistoryService } from '../history/history.service';
import { CommandClient } from '../messaging/command-client.service';
import { describeOutcome } from '../messaging/reply-collection';
import { MetricsService } from '../metrics/metrics.service';
import { AggregationWindow } from './aggregation-window';
import { applyContent, fullEquivalentBytes } from './content-application';
import { HostState } from './host-state';
import { historyEventsFrom } from './history-mapping';
import { PlatformStateService } from './platform-state.service';

/**
 * Keeps the controller's copy of each host's containers and monitor log in
 * step with its manager. Update notices are gathered for the aggregation
 * window, then each pending host is asked for what changed since the revision
 * held, all hosts at once but one request per host at a time.
 */
@Injectable()
export class ContentSyncService implements OnModuleDestroy {
  private readonly logger = new Logger(ContentSyncService.name);
  private readonly window: AggregationWindow;
  private readonly syncs = new Map<string, Promise<void>>();

  constructor(
    config: ControllerConfig,
    private readonly state: PlatformStateService,
    private readonly commands: CommandClient,
    private readonly history: HistoryService,
    private readonly metrics: MetricsService,
  ) {
    this.window = new AggregationWindow(config.aggregationWindowMs, (batch) =>
      batch.forEach((address) => void this.refresh(address)),
    );
  }

  onModuleDestroy(): void {
    this.window.dispose();
  }

  /** Asks for the host's content when the aggregation window closes. */
  schedule(address: string): void {
    this.window.add(address);
  }

  /** Stops asking for a host that left. */
  forget(address: string): void {
    this.window.remove(address);
  }

  /**
   * Asks for the host's content now, after any request for it still running,
   * so contents are applied in the order they were produced. Never rejects.
   */
  refresh(address: string): Promise<void> {
    const previous = this.syncs.get(address) ?? Promise.resolve();
    const next = previous.then(() => this.fetchAndApply(address));

    this.syncs.set(address, next);
    void next.finally(() => {
      if (this.syncs.get(address) === next) {
        this.syncs.delete(address);
      }
    });

    return next;
  }

  private async fetchAndApply(address: string): Promise<void> {
    const host = this.state.find(address);
    if (host === undefined) {
      return;
    }

    const sinceRevision = host.revision;
    const outcome = await this.commands.send(address, {
      command: CommandName.GiveContent,
      sinceRevision,
    });

    if (outcome.kind !== 'ok' || outcome.reply.content === undefined) {
      const why =
        outcome.kind === 'ok' ? 'the reply carried no content' : describeOutcome(outcome);
      this.logger.warn(
        `content of ${address} not fetched (${why}); asking again on its next notice`,
      );

      return;
    }

    this.apply(host, outcome.reply.content);
  }

  private apply(host: HostState, content: ManagerContentDto): void {
    const heldRevision = host.revision;
    const application = applyContent(host, content);
    if (!application.applied) {
      this.logger.warn(`${host.address}: ${application.reason}; asking for full content`);
      this.schedule(host.address);

      return;
    }

    if (!content.full) {
      this.countDeltaSaving(host, content);
    }
    this.logger.debug(
      `${host.address}: ${content.full ? 'full' : 'delta'} content r${heldRevision} → ` +
        `r${content.revision}, ${content.containers.length} containers, ` +
        `${application.newEntries.length} new log entries`,
    );

    this.record(host.address, application.newEntries);
  }

  /** Each new monitor-log entry goes to the history, the metrics and the log. */
  private record(address: string, entries: MonitorLogEntryDto[]): void {
    for (const event of historyEventsFrom(address, entries)) {
      this.history.record(event);
    }

    for (const entry of entries) {
      if (entry.kind === MonitorLogKind.Restart && entry.cause !== undefined) {
        this.metrics.countRestart(address, entry.cause);
      }
      this.logEntry(address, entry);
    }
  }

  private logEntry(address: string, entry: MonitorLogEntryDto): void {
    const line = `${address}: ${entry.message}`;

    if (entry.kind === MonitorLogKind.RestartFailed) {
      this.logger.warn(line);
    } else if (entry.kind !== MonitorLogKind.Discovered) {
      this.logger.log(line);
    }
  }

  private countDeltaSaving(host: HostState, content: ManagerContentDto): void {
    const savings = (host.deltaSavings ??= {
      deltaReplies: 0,
      deltaBytes: 0,
      fullEquivalentBytes: 0,
    });

    savings.deltaReplies += 1;
    savings.deltaBytes += Buffer.byteLength(JSON.stringify(content));
    savings.fullEquivalentBytes += fullEquivalentBytes(host, content);
  }
}
