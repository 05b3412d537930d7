import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const REPO_ROOT = resolve(__dirname, '../../..');
export const HOSTS_SCRIPT = resolve(__dirname, '../hosts.sh');

/** One container of a simulated host's engine, as `hosts.sh status --json` lists it. */
export interface HostContainer {
  readonly name: string;
  readonly id: string;
  readonly running: boolean;
  readonly address: string | null;
  readonly demo: boolean;
}

export interface SimulatedHost {
  readonly index: number;
  readonly name: string;
  readonly state: 'ready' | 'degraded';
  readonly netns: string;
  readonly netnsPath: string;
  readonly address: string;
  readonly containerSubnet: string;
  readonly engine: {
    readonly socket: string;
    readonly endpoint: string;
    readonly tcpEndpoint: string | null;

    /** With `up --tls`: the TLS endpoint and the client's DOCKER_CERT_PATH-like folder. */
    readonly tls: { readonly endpoint: string; readonly certPath: string } | null;
    readonly pid: number | null;
    readonly version: string | null;
  };
  readonly containers: HostContainer[];
}

export interface HostsStatus {
  readonly bridge: { name: string; address: string; subnet: string; present: boolean };
  readonly broker: {
    address: string;
    port: number;
    user: string;
    amqpUrl: string | null;
  };
  readonly hosts: SimulatedHost[];
}

/** A command of the test failed; carries what it printed on stderr. */
export class HostsCommandError extends Error {
  readonly code = 'HOSTS_COMMAND_FAILED';

  constructor(
    readonly command: string,
    readonly exitCode: number | string | undefined,
    readonly stderr: string,
  ) {
    super(`'${command}' failed with exit code ${exitCode}:\n${stderr.trim()}`);
    this.name = 'HostsCommandError';
  }
}

/** Runs a program and returns its stdout; throws HostsCommandError when it fails. */
export async function runCommand(file: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync(file, args, {
      cwd: REPO_ROOT,
      maxBuffer: 16 * 1024 * 1024,
      timeout: 150_000,
    });

    return stdout;
  } catch (error) {
    const failure = error as { code?: number | string; stderr?: string };
    throw new HostsCommandError(
      [file, ...args].join(' '),
      failure.code,
      failure.stderr ?? '',
    );
  }
}

/** True when the program exits with 0, false for any other exit. */
export async function succeeds(file: string, args: string[]): Promise<boolean> {
  try {
    await runCommand(file, args);

    return true;
  } catch (error) {
    if (error instanceof HostsCommandError) {
      return false;
    }
    throw error;
  }
}

export function hostsCommand(...args: string[]): Promise<string> {
  return runCommand('bash', [HOSTS_SCRIPT, ...args]);
}

/** Runs a hosts.sh command with --json and parses the status document it prints. */
export async function hostsJson(...args: string[]): Promise<HostsStatus> {
  const stdout = await hostsCommand(...args, '--json');

  return JSON.parse(stdout) as HostsStatus;
}

/**
 * The docker CLI's arguments for a TLS engine, verifying it with the CA and
 * presenting the client certificate of `certPath`, as DOCKER_CERT_PATH would.
 */
export function tlsDockerArgs(endpoint: string, certPath: string): string[] {
  return [
    '--tlsverify',
    '--tlscacert',
    `${certPath}/ca.pem`,
    '--tlscert',
    `${certPath}/cert.pem`,
    '--tlskey',
    `${certPath}/key.pem`,
    '-H',
    endpoint,
  ];
}

/** Runs a program inside host INDEX's network namespace. */
export function inHost(index: number, file: string, args: string[]): string[] {
  return [HOSTS_SCRIPT, 'exec', String(index), '--', file, ...args];
}

/** One ping from inside host INDEX (or from the root namespace without one). */
export function pingAnswers(address: string, fromHost?: number): Promise<boolean> {
  const ping = ['ping', '-c', '2', '-W', '1', address];

  return fromHost === undefined
    ? succeeds('busybox', ping)
    : succeeds('bash', inHost(fromHost, 'busybox', ping));
}
