import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import { waitFor } from '@hms/testing';

export interface ManagerExit {
  readonly code: number | null;
  readonly signal: string | null;
}

/** What the manager logs once it supervises and listens. */
const READY_LINE = 'running: namespace';

const MAIN = resolve(__dirname, '../../../../dist/apps/manager/main.js');

/** The built manager (`node dist/apps/manager/main.js`), as other parts will run it. */
export class ManagerProcess {
  private readonly lines: string[] = [];
  private child?: ChildProcess;
  private exit?: ManagerExit;

  constructor(private readonly env: Record<string, string>) {}

  /** Starts it and waits for its "running" line; fails with its output if it exits first. */
  async start(): Promise<void> {
    this.spawnChild();

    await waitFor(
      () =>
        this.exit !== undefined || this.lines.some((line) => line.includes(READY_LINE)),
      { timeoutMs: 20_000, what: 'the manager to start' },
    );
    if (this.exit !== undefined) {
      throw new Error(
        `manager exited (${this.exit.code}) while starting:\n${this.tail()}`,
      );
    }
  }

  /** Starts it expecting it to exit by itself, e.g. on a bad configuration. */
  async runToExit(
    options: { uid?: number; timeoutMs?: number } = {},
  ): Promise<ManagerExit> {
    this.spawnChild(options.uid);

    try {
      return await waitFor(() => this.exit, {
        timeoutMs: options.timeoutMs ?? 15_000,
        what: 'the manager to exit by itself',
      });
    } catch (error) {
      this.child?.kill('SIGKILL');
      throw error;
    }
  }

  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  async stop(graceMs = 10_000): Promise<ManagerExit> {
    const child = this.child;
    if (child === undefined) {
      return { code: null, signal: null };
    }

    child.kill('SIGTERM');
    try {
      return await waitFor(() => this.exit, {
        timeoutMs: graceMs,
        what: 'the manager to exit',
      });
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
  }

  get output(): readonly string[] {
    return this.lines;
  }

  hasLogged(fragment: string): boolean {
    return this.lines.some((line) => line.includes(fragment));
  }

  tail(count = 40): string {
    return this.lines.slice(-count).join('\n');
  }

  private spawnChild(uid?: number): void {
    if (!existsSync(MAIN)) {
      throw new Error(`${MAIN} is missing: run 'npx nx build manager' first`);
    }

    this.child = spawn(process.execPath, [MAIN], {
      env: { ...inheritedEnv(), ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(uid !== undefined && { uid, gid: uid }),
    });
    this.child.stdout?.on('data', (chunk: Buffer) => this.collect(chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => this.collect(chunk));
    this.child.on('exit', (code, signal) => (this.exit = { code, signal }));
  }

  private collect(chunk: Buffer): void {
    this.lines.push(
      ...chunk
        .toString('utf8')
        .split('\n')
        .filter((line) => line !== ''),
    );
  }
}

/** The test's environment without any HMS_ variable that could leak into the manager. */
function inheritedEnv(): Record<string, string> {
  const entries = Object.entries(process.env).filter(
    (entry): entry is [string, string] =>
      entry[1] !== undefined && !entry[0].startsWith('HMS_'),
  );

  return Object.fromEntries(entries);
}
