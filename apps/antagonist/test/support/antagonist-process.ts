import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { waitFor } from '@hms/testing';

const MAIN = join(__dirname, '../../../../dist/apps/antagonist/main.js');

/** The built antagonist, run as a real process the way an operator runs it. */
export class AntagonistProcess {
  private child: ChildProcess | undefined;
  private output = '';

  constructor(private readonly env: Record<string, string>) {}

  get log(): string {
    return this.output;
  }

  /** Starts it and waits until it says it is ready (its start-up sweep is done by then). */
  async start(): Promise<void> {
    if (!existsSync(MAIN)) {
      throw new Error(`${MAIN} is missing: run 'npx nx build antagonist' first`);
    }

    this.output = '';
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, NO_COLOR: '1', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child = child;

    await waitFor(
      () => this.output.includes('idle until conf_antagonist') || child.exitCode !== null,
      {
        timeoutMs: 30_000,
        what: 'the antagonist to be ready',
      },
    );
    if (child.exitCode !== null) {
      throw new Error(`the antagonist exited with ${child.exitCode}:\n${this.output}`);
    }
  }

  /** Sends the signal and waits for the process to end; returns its exit code or signal. */
  async stop(signal: NodeJS.Signals): Promise<string> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) {
      return 'not running';
    }

    const exited = new Promise<string>((resolve) =>
      child.once('exit', (code, endedBy) => resolve(endedBy ?? `exit ${code}`)),
    );
    child.kill(signal);

    return exited;
  }
}
