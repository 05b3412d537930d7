import { createSession, Session } from 'net-ping';

/**
 * One ICMP echo per question, from the host, independent of the manager's
 * probes (its own raw socket and session id).
 */
export class IcmpPinger {
  private readonly session: Session;

  constructor(timeoutMs: number) {
    this.session = createSession({ retries: 0, timeout: timeoutMs });
  }

  /** True when `address` answered one echo request within the timeout. */
  answers(address: string): Promise<boolean> {
    return new Promise((resolve) => {
      this.session.pingHost(address, (error) => resolve(error === null));
    });
  }

  close(): void {
    this.session.close();
  }
}
