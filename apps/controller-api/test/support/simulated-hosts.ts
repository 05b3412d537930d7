import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const REPO_ROOT = join(__dirname, '../../../..');
const HOSTS_SCRIPT = join(REPO_ROOT, 'tools/hosts/hosts.sh');
const BUILD_SCRIPT = join(REPO_ROOT, 'docker/build-images.sh');

/** One simulated host as `hosts.sh status --json` describes it. */
export interface SimulatedHost {
  readonly index: number;
  readonly address: string;
  readonly engine: {
    readonly endpoint: string;
    readonly socket: string;

    /** Set when the hosts were made with --tcp: tcp://<address>:2375, on the bridge only. */
    readonly tcpEndpoint: string | null;

    /**
     * Set when the hosts were made with --tls: tcp://<address>:2376 with
     * --tlsverify, and the client's folder (ca.pem, cert.pem, key.pem).
     */
    readonly tls: { readonly endpoint: string; readonly certPath: string } | null;
  };
  readonly containers: ReadonlyArray<{ readonly name: string; readonly demo: boolean }>;
}

interface HostsStatus {
  readonly broker: { readonly amqpUrl: string | null };
  readonly hosts: SimulatedHost[];
}

/**
 * The simulated Docker hosts of tools/hosts/hosts.sh (network namespaces on
 * their own bridge, each with its own engine), driven through its JSON
 * interface, and the docker CLI pointed at one of them.
 */
export class SimulatedHosts {
  hosts: SimulatedHost[] = [];
  amqpUrl = '';

  /**
   * Makes `count` hosts exist and work, each engine on its socket and on TCP
   * with TLS and client certificates (`tcp`: plain TCP instead).
   */
  async up(count: number, listen: 'tls' | 'tcp' = 'tls'): Promise<void> {
    const { stdout } = await run(
      'bash',
      [HOSTS_SCRIPT, 'up', '--count', String(count), `--${listen}`, '--json'],
      { timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
    );
    const status = JSON.parse(stdout) as HostsStatus;
    if (status.broker.amqpUrl === null) {
      throw new Error('hosts.sh up set no RabbitMQ user for the managers');
    }

    this.hosts = status.hosts;
    this.amqpUrl = status.broker.amqpUrl;
  }

  /** Removes every host, its engine and data; safe to call when up failed half-way. */
  async down(): Promise<void> {
    await run('bash', [HOSTS_SCRIPT, 'down', '--purge'], { timeout: 300_000 });
  }

  /** The TLS endpoint and client folder of host `index`; fails when it has none. */
  tls(index: number): { readonly endpoint: string; readonly certPath: string } {
    const { tls } = this.host(index).engine;
    if (tls === null) {
      throw new Error(`simulated host ${index} has no TLS endpoint: up() without --tls`);
    }

    return tls;
  }

  host(index: number): SimulatedHost {
    const host = this.hosts.find((candidate) => candidate.index === index);
    if (host === undefined) {
      throw new Error(`no simulated host ${index}; up() created ${this.hosts.length}`);
    }

    return host;
  }

  /** The docker CLI against host `index`'s engine; resolves with its stdout. */
  async docker(index: number, ...args: string[]): Promise<string> {
    const { stdout } = await run(
      'docker',
      ['-H', this.host(index).engine.endpoint, ...args],
      {
        timeout: 60_000,
        maxBuffer: 16 * 1024 * 1024,
      },
    );

    return stdout.trim();
  }

  /** stdout and stderr of a container on host `index` (a manager logs to both). */
  async logs(index: number, container: string): Promise<string> {
    const { stdout, stderr } = await run(
      'docker',
      ['-H', this.host(index).engine.endpoint, 'logs', container],
      { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
    );

    return stdout + stderr;
  }

  /** Whether the container exists on host `index`'s engine. */
  async hasContainer(index: number, container: string): Promise<boolean> {
    return this.docker(index, 'inspect', '--format', '{{.Id}}', container).then(
      () => true,
      () => false,
    );
  }
}

/**
 * Builds hms/manager:latest on this machine's engine unless it was built from
 * the sources as they are now (minutes when it must, seconds when not), so
 * the test never deploys a manager older than the code under test.
 */
export async function ensureManagerImage(): Promise<void> {
  await run('bash', [BUILD_SCRIPT, '--local', '--if-changed', 'manager'], {
    timeout: 1_200_000,
    maxBuffer: 64 * 1024 * 1024,
  });
}
