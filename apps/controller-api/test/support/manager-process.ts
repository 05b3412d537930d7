import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const MANAGER_MAIN = join(__dirname, '../../../../dist/apps/manager/main.js');

/** How long a manager gets to exit after a signal before the test gives up on it. */
const EXIT_DEADLINE_MS = 10_000;
const KEPT_OUTPUT_LINES = 200;

/**
 * A real manager, the built `dist/apps/manager/main.js`, run as a child
 * process so a test can kill, restart, stop and continue it like an operator
 * or a crash would.
 */
export class ManagerProcess {
  private child?: ChildProcess;
  private readonly output: string[] = [];

  constructor(
    readonly address: string,
    private readonly env: Readonly<Record<string, string>>,
  ) {}

  start(): void {
    if (!existsSync(MANAGER_MAIN)) {
      throw new Error(`${MANAGER_MAIN} is missing: run 'npx nx build manager' first`);
    }

    const child = spawn(process.execPath, [MANAGER_MAIN], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => this.keep(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.keep(chunk));
    this.child = child;
  }

  /** Ends it at once, as a crash would; resolves once it is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) {
      return;
    }

    const exited = waitForExit(child);
    child.kill('SIGCONT');
    child.kill('SIGKILL');
    await exited;
  }

  /** Freezes it: it holds its broker connection but answers nothing. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** The last lines it printed, for a failing test's message. */
  recentOutput(): string {
    return this.output.join('\n');
  }

  private keep(chunk: Buffer): void {
    this.output.push(...chunk.toString('utf8').trimEnd().split('\n'));
    this.output.splice(0, Math.max(0, this.output.length - KEPT_OUTPUT_LINES));
  }
}

function waitForExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`manager pid ${child.pid} did not exit in ${EXIT_DEADLINE_MS} ms`),
        ),
      EXIT_DEADLINE_MS,
    );
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
