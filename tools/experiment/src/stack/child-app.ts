import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, WriteStream } from 'node:fs';
import { resolve } from 'node:path';

import { ExperimentError, ExperimentErrorCode } from '../experiment-error';

const NODE_MODULES = resolve('node_modules');

/** SIGTERM lets an app clean up (the antagonist removes its loss); then SIGKILL. */
const STOP_GRACE_MS = 10_000;

/** Lines of an app's output kept in memory for error messages. */
const TAIL_LINES = 30;

/**
 * One HMS app (a built main.js) run as a child process, its output written
 * to a log file and its last lines kept to explain a failure.
 */
export class ChildApp {
  private child: ChildProcess | undefined;
  private log: WriteStream | undefined;
  private tail: string[] = [];
  private readonly seen = new Set<string>();
  private readonly watched: string[] = [];

  constructor(
    readonly label: string,
    private readonly mainJs: string,
    private readonly env: Record<string, string>,
    private readonly logFile: string,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get exited(): boolean {
    return this.child !== undefined && this.child.exitCode !== null;
  }

  get output(): string {
    return this.tail.join('\n');
  }

  /** True once the app printed `text` (watch it before it can appear). */
  printed(text: string): boolean {
    if (!this.watched.includes(text)) {
      this.watched.push(text);
    }

    return this.seen.has(text) || this.output.includes(text);
  }

  start(): void {
    if (!existsSync(this.mainJs)) {
      throw new ExperimentError(
        ExperimentErrorCode.NotReady,
        `${this.mainJs} is missing; build it with 'npx nx run-many -t build' or run the experiment through 'npx nx run experiment:run'`,
      );
    }

    this.log = createWriteStream(this.logFile, { flags: 'a' });
    this.log.on('error', (error) =>
      this.tail.push(`(log file ${this.logFile}: ${error.message})`),
    );
    this.child = spawn(process.execPath, [this.mainJs], {
      // The bundles leave their dependencies outside: found in the repo's node_modules.
      env: { ...process.env, NO_COLOR: '1', NODE_PATH: NODE_MODULES, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => this.record(chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => this.record(chunk));
  }

  /** Throws, with the app's last words, if it has exited. */
  assertRunning(): void {
    if (this.exited) {
      throw new ExperimentError(
        ExperimentErrorCode.AppExited,
        `${this.label} exited with ${this.child?.exitCode}; its last lines:\n${this.output}`,
      );
    }
  }

  /** Asks it to stop, and kills it if it has not after the grace period. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) {
      this.log?.end();

      return;
    }

    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.kill('SIGTERM');
    await exited;
    clearTimeout(killer);
    this.log?.end();
  }

  private record(chunk: Buffer): void {
    this.log?.write(chunk);
    const text = chunk.toString();
    this.watched
      .filter((watched) => text.includes(watched))
      .forEach((watched) => this.seen.add(watched));
    this.tail.push(...chunk.toString().trimEnd().split('\n'));
    this.tail = this.tail.slice(-TAIL_LINES);
  }
}
