import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

import Docker from 'dockerode';

import { waitFor } from '@hms/testing';

const run = promisify(execFile);

const IDLE_IMAGE = 'hms/idle:latest';

/**
 * Containers one test file creates, named with its random id and carrying
 * its scope label, so the antagonist under test (and the cleanup) touch
 * these and nothing else on the shared engine.
 */
export class TestContainers {
  readonly id = `ant-${randomBytes(4).toString('hex')}`;
  readonly scopeLabel = `hms.test=${this.id}`;
  private readonly outsideValue = `${this.id}-outside`;
  private readonly docker = new Docker();

  /**
   * Creates and starts `<id>-<suffix>`. Out of scope, it carries another
   * value of the label: the antagonist must leave it alone.
   */
  async create(
    suffix: string,
    options: { inScope?: boolean } = {},
  ): Promise<Docker.Container> {
    await waitFor(() => this.docker.getImage(IDLE_IMAGE).inspect(), {
      timeoutMs: 30_000,
      what: `image ${IDLE_IMAGE} (tools/bringup.sh builds it)`,
    });

    const container = await this.docker.createContainer({
      name: `${this.id}-${suffix}`,
      Image: IDLE_IMAGE,
      Labels: { 'hms.test': options.inScope === false ? this.outsideValue : this.id },
    });
    await container.start();

    return container;
  }

  async pid(container: Docker.Container): Promise<number> {
    return (await container.inspect()).State.Pid;
  }

  async ipv4(container: Docker.Container): Promise<string> {
    return (await container.inspect()).NetworkSettings.IPAddress;
  }

  async running(container: Docker.Container): Promise<boolean> {
    return (await container.inspect()).State.Running;
  }

  async anyRunning(list: Docker.Container[]): Promise<boolean> {
    const states = await Promise.all(list.map((container) => this.running(container)));

    return states.some((running) => running);
  }

  /** Our tagged rules in the container's INPUT chain, as `iptables -S` prints them. */
  async lossRules(container: Docker.Container): Promise<string[]> {
    const pid = await this.pid(container);
    const { stdout } = await run('nsenter', [
      '-t',
      String(pid),
      '-n',
      'iptables',
      '-w',
      '5',
      '-S',
      'INPUT',
    ]);

    return stdout.split('\n').filter((line) => line.includes('hms-antagonist'));
  }

  /** Removes every container this test created, in scope or not, whatever its state. */
  async removeAll(): Promise<void> {
    const values = [this.id, this.outsideValue];
    const lists = await Promise.all(
      values.map((value) =>
        this.docker.listContainers({
          all: true,
          filters: { label: [`hms.test=${value}`] },
        }),
      ),
    );
    const ours = lists.flat();

    await Promise.all(
      ours.map((container) =>
        this.docker.getContainer(container.Id).remove({ force: true }),
      ),
    );
  }
}

/** Sends `count` echo requests to a container of ours and counts the replies. */
export async function pingReplies(address: string, count: number): Promise<number> {
  const args = ['ping', '-q', '-c', String(count), '-i', '0.02', '-W', '2', address];
  const output = await run('/bin/busybox', args).then(
    (result) => result.stdout,
    // busybox exits 1 when no reply came back; its summary is still on stdout.
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  const received = /(\d+) packets received/.exec(output);
  if (received === null) {
    throw new Error(`ping ${address} printed no summary: ${output}`);
  }

  return Number(received[1]);
}
