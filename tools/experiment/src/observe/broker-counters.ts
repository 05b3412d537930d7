import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { managementGet } from '@hms/testing';

const run = promisify(execFile);

const AMQP_PORT = 5672;

/** What a set of processes put on the wire to the broker, so far. */
export interface TrafficCounters {
  /** Messages they published (commands, replies, notices). */
  readonly messages: number;

  /** Bytes they sent to the broker: frames, headers and bodies. */
  readonly bytes: number;
}

interface ManagementConnection {
  readonly peer_port?: number;
  readonly recv_oct?: number;
}

interface ManagementChannel {
  readonly connection_details?: { readonly peer_port?: number };
  readonly message_stats?: { readonly publish?: number };
}

/**
 * Reads RabbitMQ's own counters (management API) for the AMQP connections of
 * given processes, found by their local ports (`ss`). The broker refreshes
 * these counters every few seconds; differences over a run are exact to
 * within one refresh at each end.
 */
export class BrokerCounters {
  async snapshot(pids: readonly number[]): Promise<TrafficCounters> {
    const ports = await this.localPortsOf(pids);
    const [connections, channels] = await Promise.all([
      managementGet<ManagementConnection[]>('/connections?columns=peer_port,recv_oct'),
      managementGet<ManagementChannel[]>(
        '/channels?columns=connection_details,message_stats',
      ),
    ]);

    const bytes = connections
      .filter((connection) => ports.has(connection.peer_port ?? -1))
      .reduce((sum, connection) => sum + (connection.recv_oct ?? 0), 0);
    const messages = channels
      .filter((channel) => ports.has(channel.connection_details?.peer_port ?? -1))
      .reduce((sum, channel) => sum + (channel.message_stats?.publish ?? 0), 0);

    return { messages, bytes };
  }

  /** Local ports of the processes' connections to the broker on this machine. */
  private async localPortsOf(pids: readonly number[]): Promise<Set<number>> {
    const { stdout } = await run('ss', [
      '-tnpH',
      'state',
      'established',
      `( dport = :${AMQP_PORT} )`,
    ]);

    return new Set(parseSsPorts(stdout, pids));
  }
}

/**
 * Local ports of the lines of `ss -tnpH` that belong to one of `pids`, e.g.
 * `0 0 127.0.0.1:50030 127.0.0.1:5672 users:(("node",pid=10058,fd=21))`.
 */
export function parseSsPorts(output: string, pids: readonly number[]): number[] {
  return output.split('\n').flatMap((line) => {
    const match = /\S+:(\d+)\s+\S+:\d+\s+users:.*pid=(\d+),/.exec(line);

    return match !== null && pids.includes(Number(match[2])) ? [Number(match[1])] : [];
  });
}

/** Sums a counter of the controller's GET /metrics over all its labels. */
export function sumMetric(prometheusText: string, name: string): number {
  return prometheusText
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.trim().split(/\s+/).pop()), 0);
}
