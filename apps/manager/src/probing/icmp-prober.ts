import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import * as ping from 'net-ping';

import { ManagerConfig } from '../config/manager.config';
import { ManagerError, ManagerErrorCode } from '../manager-error';
import { ProbeResult } from './packet-loss';

/** Sends probes to one address; the scheduler only knows this interface. */
export abstract class Prober {
  abstract probe(address: string): Promise<ProbeResult>;
}

/** Answers that mean "this packet was lost", as opposed to "the probe is broken". */
const LOSS_ERRORS = new Set([
  'RequestTimedOutError',
  'DestinationUnreachableError',
  'TimeExceededError',
  'SourceQuenchError',
]);

/**
 * ICMP echo over ONE raw socket shared by every probe: `count` requests
 * `intervalMs` apart, each waiting `timeoutMs` for its reply.
 */
@Injectable()
export class IcmpProber extends Prober implements OnModuleDestroy {
  private readonly logger = new Logger(IcmpProber.name);
  private session?: ping.Session;

  constructor(private readonly config: ManagerConfig) {
    super();
  }

  /** Opens the raw socket; fails with what to do when the process may not. */
  open(): void {
    try {
      this.session = ping.createSession({
        retries: 0,
        timeout: this.config.probeTimeoutMs,
      });
    } catch (error) {
      throw new ManagerError(
        ManagerErrorCode.RawSocketDenied,
        `cannot open a raw ICMP socket (${(error as Error).message}): ` +
          'run the manager as root or grant node CAP_NET_RAW ' +
          '(setcap cap_net_raw+ep "$(command -v node)")',
        { cause: error },
      );
    }
    this.session.on('error', (error: Error) =>
      this.logger.error(`raw ICMP socket failed: ${error.message}`, error.stack),
    );
  }

  onModuleDestroy(): void {
    this.session?.close();
    this.session = undefined;
  }

  async probe(address: string): Promise<ProbeResult> {
    const session = this.session;
    if (session === undefined) {
      throw new ManagerError(ManagerErrorCode.ProbeFailed, 'the ICMP prober is not open');
    }

    const { probeCount, probeIntervalMs } = this.config;
    const replies = Array.from({ length: probeCount }, (_, index) =>
      delay(index * probeIntervalMs).then(() => echo(session, address)),
    );
    const answered = await Promise.all(replies);

    return { sent: probeCount, received: answered.filter(Boolean).length };
  }
}

/** One echo request: true when its reply came back in time. */
function echo(session: ping.Session, address: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    session.pingHost(address, (error: Error | null) => {
      if (error === null || error === undefined) {
        resolve(true);
      } else if (LOSS_ERRORS.has(error.name)) {
        resolve(false);
      } else {
        reject(
          new ManagerError(
            ManagerErrorCode.ProbeFailed,
            `echo request to ${address} could not be sent: ${error.message}`,
            { cause: error },
          ),
        );
      }
    });
  });
}

function delay(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}
