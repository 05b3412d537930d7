import { CommandName } from '@hms/contracts';
import { Injectable, Logger } from '@nestjs/common';

import { HistoryEventKind } from '../history/history-event';
import { HistoryService } from '../history/history.service';
import { CommandClient } from '../messaging/command-client.service';
import { describeOutcome } from '../messaging/reply-collection';
import { MetricsService } from '../metrics/metrics.service';
import { ContentSyncService } from './content-sync.service';
import { HostLiveness, HostState } from './host-state';
import { PlatformStateService } from './platform-state.service';

/** The operator's side of which hosts are supervised: adding and removing them. */
@Injectable()
export class HostMembershipService {
  private readonly logger = new Logger(HostMembershipService.name);

  constructor(
    private readonly state: PlatformStateService,
    private readonly sync: ContentSyncService,
    private readonly commands: CommandClient,
    private readonly history: HistoryService,
    private readonly metrics: MetricsService,
  ) {}

  /** Adds a host that waits for its manager; an existing host is left as it is. */
  addHost(address: string): { host: HostState; created: boolean } {
    const existing = this.state.find(address);
    if (existing !== undefined) {
      return { host: existing, created: false };
    }

    const host = this.state.add(address, HostLiveness.Waiting);
    this.logger.log(`host ${address} added: waiting for its manager to announce itself`);

    return { host, created: true };
  }

  /**
   * Retires the host's manager when it is live (a silent one does not block
   * the removal), then forgets the host; its manager's heartbeats stay out,
   * across controller restarts too, until the host is added again.
   */
  async removeHost(address: string): Promise<{ retired: boolean }> {
    const host = this.state.require(address);
    const retired = host.liveness === HostLiveness.Live && (await this.retire(address));

    this.state.remove(address);
    this.sync.forget(address);
    this.metrics.forgetHost(address);

    const how = retired ? 'its manager is retired' : 'its manager was not reached';
    this.history.record({
      kind: HistoryEventKind.HostLeft,
      host: address,
      message: `host ${address} left supervision (${how})`,
    });
    this.logger.log(`host ${address} left supervision (${how})`);

    return { retired };
  }

  private async retire(address: string): Promise<boolean> {
    const outcome = await this.commands.send(address, {
      command: CommandName.HostRetire,
    });
    if (outcome.kind !== 'ok') {
      this.logger.warn(
        `manager of ${address} did not confirm its retirement (${describeOutcome(outcome)}); ` +
          `removing the host anyway`,
      );
    }

    return outcome.kind === 'ok';
  }
}
