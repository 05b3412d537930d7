import { Injectable } from '@nestjs/common';

import { NetnsCommand } from './netns-command';

/** Marks every rule the antagonist adds, so cleanup deletes exactly those. */
export const LOSS_RULE_COMMENT = 'hms-antagonist';

const CHAIN = 'INPUT';

/** Seconds iptables waits for the xtables lock the engine also takes. */
const LOCK_WAIT_SECONDS = '5';

/**
 * The rule that drops incoming ICMP with probability `lossPercent` / 100:
 * the probes of the manager and of the observer lose that share of echoes.
 */
export function lossRuleSpec(lossPercent: number): string[] {
  const probability = (lossPercent / 100).toFixed(4);

  return [
    CHAIN,
    ...['-p', 'icmp'],
    ...['-m', 'statistic', '--mode', 'random', '--probability', probability],
    ...['-m', 'comment', '--comment', LOSS_RULE_COMMENT],
    ...['-j', 'DROP'],
  ];
}

/**
 * From the output of `iptables -S INPUT`, the argument lists that delete
 * each of our tagged rules (`-A INPUT ...` becomes `-D INPUT ...`). Our
 * comment has no spaces, so splitting on whitespace keeps every argument.
 */
export function taggedRuleDeletions(listing: string): string[][] {
  return listing
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith(`-A ${CHAIN} `))
    .filter((line) => line.split(/\s+/).includes(LOSS_RULE_COMMENT))
    .map((line) => ['-D', ...line.split(/\s+/).slice(1)]);
}

/**
 * Packet loss with iptables' statistic match, for kernels without netem.
 * Works in the container's own namespace only (see NetnsCommand).
 */
@Injectable()
export class IptablesLoss {
  constructor(private readonly netns: NetnsCommand) {}

  async inject(pid: number, lossPercent: number): Promise<void> {
    await this.netns.run(pid, [
      'iptables',
      '-w',
      LOCK_WAIT_SECONDS,
      '-I',
      ...lossRuleSpec(lossPercent),
    ]);
  }

  /** Deletes every tagged rule; returns how many there were. */
  async remove(pid: number): Promise<number> {
    const listing = await this.netns.run(pid, [
      'iptables',
      '-w',
      LOCK_WAIT_SECONDS,
      '-S',
      CHAIN,
    ]);
    const deletions = taggedRuleDeletions(listing.stdout);

    for (const deletion of deletions) {
      await this.netns.run(pid, ['iptables', '-w', LOCK_WAIT_SECONDS, ...deletion]);
    }

    return deletions.length;
  }
}
