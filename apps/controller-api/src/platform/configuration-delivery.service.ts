import { CommandName } from '@hms/contracts';
import { Injectable, Logger } from '@nestjs/common';

import { CommandClient } from '../messaging/command-client.service';
import { describeOutcome } from '../messaging/reply-collection';
import { HostState } from './host-state';
import { PlatformStateService } from './platform-state.service';

/**
 * Sends a host's desired configuration (threshold and ignore list) to its
 * manager with `host_configure`, so nothing an operator set is lost when a
 * manager restarts or comes back. Until the manager confirms, the host stays
 * `configurePending` and the next heartbeat tries again.
 */
@Injectable()
export class ConfigurationDelivery {
  private readonly logger = new Logger(ConfigurationDelivery.name);
  private readonly delivering = new Set<string>();

  constructor(
    private readonly state: PlatformStateService,
    private readonly commands: CommandClient,
  ) {}

  /** Sends the desired configuration now, unless a delivery to that host is under way. Never rejects. */
  async deliver(address: string, why: string): Promise<void> {
    const host = this.state.find(address);
    if (host === undefined || this.delivering.has(address)) {
      return;
    }

    this.delivering.add(address);
    try {
      await this.send(host, why);
    } finally {
      this.delivering.delete(address);
    }
  }

  private async send(host: HostState, why: string): Promise<void> {
    const threshold = host.desired.threshold;
    const ignored = [...host.desired.ignored];
    host.configurePending = true;

    const outcome = await this.commands.send(host.address, {
      command: CommandName.HostConfigure,
      threshold,
      ignored,
    });

    if (outcome.kind !== 'ok') {
      this.logger.warn(
        `configuration of ${host.address} not delivered (${describeOutcome(outcome)}); ` +
          `retrying on its next heartbeat`,
      );

      return;
    }

    // An operator may have changed the desired configuration meanwhile; then
    // it stays pending and the next heartbeat sends the newer one.
    host.configurePending = !sameConfiguration(host, threshold, ignored);
    host.reportedThreshold = threshold;
    this.logger.log(
      `configured ${host.address} (${why}): threshold ${threshold}%, ` +
        `${ignored.length} ignored container(s)`,
    );
  }
}

function sameConfiguration(
  host: HostState,
  threshold: number,
  ignored: string[],
): boolean {
  const desired = host.desired;

  return (
    desired.threshold === threshold &&
    desired.ignored.length === ignored.length &&
    desired.ignored.every((id) => ignored.includes(id))
  );
}
