import { Inject, Injectable } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { readlink } from 'node:fs/promises';

import { AntagonistError, AntagonistErrorCode } from '../antagonist-error';
import { AntagonistConfig } from '../config/antagonist-config';
import { ANTAGONIST_CONFIG } from '../config/tokens';

export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a host tool (tc, iptables, ip) inside one container's network
 * namespace with `nsenter -t <pid> -n`. It refuses any pid whose network
 * namespace is the antagonist's own, so a mistake can never change the
 * host's firewall or qdiscs.
 */
@Injectable()
export class NetnsCommand {
  constructor(@Inject(ANTAGONIST_CONFIG) private readonly config: AntagonistConfig) {}

  async run(pid: number, argv: readonly string[]): Promise<CommandOutput> {
    await this.assertForeignNamespace(pid);

    return new Promise((resolve, reject) => {
      const args = ['-t', String(pid), '-n', '--', ...argv];
      const options = {
        timeout: this.config.commandTimeoutMs,
        encoding: 'utf8' as const,
      };

      execFile('nsenter', args, options, (error, stdout, stderr) => {
        if (error) {
          const reason = stderr.trim() || error.message;
          const failure = `'${argv.join(' ')}' in the network namespace of pid ${pid} failed: ${reason}`;
          reject(new AntagonistError(AntagonistErrorCode.CommandFailed, failure));

          return;
        }
        resolve({ stdout, stderr });
      });
    });
  }

  private async assertForeignNamespace(pid: number): Promise<void> {
    if (!Number.isInteger(pid) || pid <= 1) {
      throw this.refusal(pid, 'it is not a container process');
    }

    const [own, target] = await Promise.all([
      readlink('/proc/self/ns/net'),
      readlink(`/proc/${pid}/ns/net`).catch(() => undefined),
    ]);
    if (target === undefined) {
      throw new AntagonistError(
        AntagonistErrorCode.ContainerNotRunning,
        `pid ${pid} has exited; its container's network namespace is gone`,
      );
    }
    if (target === own) {
      throw this.refusal(pid, `it shares the antagonist's own network namespace ${own}`);
    }
  }

  private refusal(pid: number, why: string): AntagonistError {
    return new AntagonistError(
      AntagonistErrorCode.HostNamespace,
      `refusing to change the network of pid ${pid}: ${why} (a container on the host network cannot get injected loss)`,
    );
  }
}
