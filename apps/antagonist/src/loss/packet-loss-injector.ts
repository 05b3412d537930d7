import { Injectable, Logger } from '@nestjs/common';

import { AntagonistError, AntagonistErrorCode } from '../antagonist-error';
import { IptablesLoss } from './iptables-loss';
import { NetemLoss } from './netem-loss';

export type LossMethod = 'netem' | 'iptables';

/**
 * Injects packet loss into a container's network namespace: with netem where
 * the kernel has it, otherwise with iptables' statistic match. The choice is
 * made once, at the first injection, since it is a property of the kernel.
 * Removal looks for both kinds, so it also cleans what an earlier process
 * (possibly with the other method) left behind.
 */
@Injectable()
export class PacketLossInjector {
  private readonly logger = new Logger(PacketLossInjector.name);
  private method: LossMethod | undefined;

  constructor(
    private readonly netem: NetemLoss,
    private readonly iptables: IptablesLoss,
  ) {}

  /** The method in use, once the first injection chose it. */
  get chosenMethod(): LossMethod | undefined {
    return this.method;
  }

  async inject(pid: number, lossPercent: number): Promise<LossMethod> {
    if (this.method === undefined) {
      this.method = await this.firstInjection(pid, lossPercent);

      return this.method;
    }

    await this[this.method].inject(pid, lossPercent);

    return this.method;
  }

  /** Removes whatever loss of ours is in the namespace; says what it removed. */
  async remove(pid: number): Promise<string[]> {
    const removed: string[] = [];

    const qdiscs = await this.netem
      .remove(pid)
      .catch((error) => this.noNetemWhenTcFails(error));
    if (qdiscs > 0) {
      removed.push(`netem on ${qdiscs} interface(s)`);
    }

    const rules = await this.iptables.remove(pid);
    if (rules > 0) {
      removed.push(`${rules} iptables rule(s)`);
    }

    return removed;
  }

  private async firstInjection(pid: number, lossPercent: number): Promise<LossMethod> {
    try {
      await this.netem.inject(pid, lossPercent);
      this.logger.log('packet loss method: netem (tc accepted a netem qdisc)');

      return 'netem';
    } catch (error) {
      if (
        error instanceof AntagonistError &&
        error.code !== AntagonistErrorCode.CommandFailed
      ) {
        throw error;
      }

      await this.iptables.inject(pid, lossPercent);
      this.logger.warn(
        `packet loss method: iptables statistic match, since netem is not available here (${(error as Error).message})`,
      );

      return 'iptables';
    }
  }

  /** A host without tc (or without netem) has no netem to remove. */
  private noNetemWhenTcFails(error: unknown): number {
    if (
      error instanceof AntagonistError &&
      error.code === AntagonistErrorCode.CommandFailed
    ) {
      return 0;
    }
    throw error;
  }
}
