import { Injectable } from '@nestjs/common';

import { NetnsCommand } from './netns-command';

/**
 * Handle of the root qdisc the antagonist installs. A container's root
 * qdisc is normally `noqueue`; one with this handle is ours to delete.
 */
export const NETEM_HANDLE = '4d53:';

/** Interface names from `ip -o link show`, without loopback (`2: eth0@if7: <...>`). */
export function interfaceNames(ipLinkOutput: string): string[] {
  return ipLinkOutput
    .split('\n')
    .map((line) => /^\d+:\s+([^:@\s]+)/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined && name !== 'lo');
}

/** True when `tc qdisc show dev X` lists our netem as the root qdisc. */
export function hasOwnNetem(qdiscListing: string): boolean {
  return qdiscListing
    .split('\n')
    .some((line) => line.startsWith(`qdisc netem ${NETEM_HANDLE} root`));
}

/**
 * Packet loss with netem on every interface of the container: its replies
 * (and everything else it sends) are dropped with the given probability.
 */
@Injectable()
export class NetemLoss {
  constructor(private readonly netns: NetnsCommand) {}

  async inject(pid: number, lossPercent: number): Promise<void> {
    for (const device of await this.interfaces(pid)) {
      const netem = ['root', 'handle', NETEM_HANDLE, 'netem', 'loss', `${lossPercent}%`];
      await this.netns.run(pid, ['tc', 'qdisc', 'add', 'dev', device, ...netem]);
    }
  }

  /** Deletes our root netem wherever it is; returns on how many interfaces. */
  async remove(pid: number): Promise<number> {
    let removed = 0;

    for (const device of await this.interfaces(pid)) {
      const listing = await this.netns.run(pid, ['tc', 'qdisc', 'show', 'dev', device]);
      if (hasOwnNetem(listing.stdout)) {
        await this.netns.run(pid, ['tc', 'qdisc', 'del', 'dev', device, 'root']);
        removed += 1;
      }
    }

    return removed;
  }

  private async interfaces(pid: number): Promise<string[]> {
    const output = await this.netns.run(pid, ['ip', '-o', 'link', 'show']);

    return interfaceNames(output.stdout);
  }
}
