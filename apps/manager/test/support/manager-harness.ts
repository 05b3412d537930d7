import { randomBytes, randomInt } from 'node:crypto';

import {
  CommandReply,
  ContainerStatusDto,
  ManagerContentDto,
  MonitorLogEntryDto,
} from '@hms/contracts';
import { waitFor } from '@hms/testing';

import { BrokerClient } from './broker-client';
import { ManagerProcess } from './manager-process';
import { TestContainers } from './test-containers';

export const SENDER = 'integration-test';

type ContainerSpec = [suffix: string, options?: Parameters<TestContainers['run']>[1]];

/**
 * One spawned manager with its own namespace, loopback identity and scope
 * label, its containers, and a broker client playing the controller.
 */
export class ManagerHarness {
  readonly runId = `mgr-int-${randomBytes(4).toString('hex')}`;
  readonly namespace = `test-${this.runId}`;
  readonly address = `127.0.0.${randomInt(2, 251)}`;
  readonly containers = new TestContainers(this.runId, 'hms.test');
  readonly broker = new BrokerClient(this.namespace);
  readonly manager: ManagerProcess;

  /** `env` adds to or overrides the manager's test settings. */
  constructor(env: Readonly<Record<string, string>> = {}) {
    this.manager = new ManagerProcess({
      HMS_NAMESPACE: this.namespace,
      HMS_HOST_ADDRESS: this.address,
      HMS_SCOPE_LABEL: this.containers.scopeLabel,
      HMS_PROBE_PERIOD_MS: '300',
      HMS_RELIST_INTERVAL_MS: '1000',
      HMS_HEARTBEAT_INTERVAL_MS: '500',
      HMS_RESTART_BACKOFF_BASE_MS: '500',
      HMS_RESTART_STOP_TIMEOUT_S: '2',
      ...env,
    });
  }

  /**
   * Creates the containers, runs `beforeManager` (e.g. to stop some), starts
   * the manager and waits until it answers.
   */
  async start(
    specs: readonly ContainerSpec[],
    beforeManager: () => Promise<void> = async () => undefined,
  ): Promise<void> {
    await this.broker.connect();
    await Promise.all(
      specs.map(([suffix, options]) => this.containers.run(suffix, options)),
    );
    await beforeManager();
    await this.manager.start();
    await waitFor(() => this.tryContent(), {
      timeoutMs: 15_000,
      what: 'a first give_content reply',
    });
  }

  /** Stops the manager and removes all this run made, even after a failure. */
  async stop(): Promise<void> {
    await this.manager
      .stop()
      .catch((error) => console.error(`${error}\n${this.manager.tail()}`));
    await this.broker.close();
    await this.containers.removeAll();
  }

  nameOf(suffix: string): string {
    return this.containers.nameOf(suffix);
  }

  command(body: Record<string, unknown>): Promise<CommandReply> {
    return this.broker.command(this.address, { address: SENDER, ...body });
  }

  async content(sinceRevision?: number): Promise<ManagerContentDto> {
    const since = sinceRevision === undefined ? {} : { sinceRevision };
    const reply = await this.command({ command: 'give_content', ...since });
    if (reply.command !== 'ok' || reply.content === undefined) {
      throw new Error(`give_content failed: ${JSON.stringify(reply)}`);
    }

    return reply.content;
  }

  tryContent(): Promise<ManagerContentDto | undefined> {
    return this.content().catch(() => undefined);
  }

  async statusOf(suffix: string): Promise<ContainerStatusDto | undefined> {
    const shortId = (await this.containers.inspect(suffix)).Id.slice(0, 12);

    return (await this.content()).containers.find((status) => status.id === shortId);
  }

  /** Waits for the monitor log to show a restart of the container with that cause. */
  restartOf(
    suffix: string,
    cause: string,
    timeoutMs = 15_000,
  ): Promise<MonitorLogEntryDto> {
    const name = this.nameOf(suffix);
    const isIt = (entry: MonitorLogEntryDto) =>
      entry.kind === 'restart' && entry.containerName === name && entry.cause === cause;

    return waitFor(async () => (await this.content()).log.find(isIt), {
      timeoutMs,
      intervalMs: 200,
      what: `a ${cause} restart of ${name}`,
    });
  }

  /** Lets the manager run `count` more heartbeats (and so re-lists and probes). */
  async waitForHeartbeats(count: number): Promise<void> {
    const seen = this.broker.noticesOf('heartbeat').length;

    await waitFor(() => this.broker.noticesOf('heartbeat').length >= seen + count, {
      what: `${count} more heartbeats`,
    });
  }
}
