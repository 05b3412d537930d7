import { constants } from 'node:os';

import { Logger } from '@nestjs/common';

/** The signals a supervisor (Docker, systemd, a terminal) stops the manager with. */
export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** How long a clean shutdown may take before the process exits anyway. @default 8000 */
export const SHUTDOWN_DEADLINE_MS = 8000;

/** What a shutdown closes: the Nest application context, in production. */
export interface Closable {
  close(signal?: string): Promise<void>;
}

/**
 * On SIGTERM or SIGINT, closes the manager and exits 0: a supervisor then
 * sees a clean stop, not a death by signal (exit 143). A second signal exits
 * at once with 128 + its number, as a shell reports a kill; a shutdown that
 * fails or outlasts `deadlineMs` exits 1. Returns a function that removes the
 * listeners again.
 */
export function exitOnShutdownSignals(
  app: Closable,
  deadlineMs = SHUTDOWN_DEADLINE_MS,
): () => void {
  const logger = new Logger('Shutdown');
  let closing = false;

  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) {
      logger.warn(`${signal} again: exiting without finishing the shutdown`);
      process.exit(signalExitCode(signal));

      return;
    }
    closing = true;

    const deadline = setTimeout(() => {
      logger.error(`shutdown still not done after ${deadlineMs} ms: exiting anyway`);
      process.exit(1);
    }, deadlineMs);
    // The deadline alone must not keep a finished process alive.
    deadline.unref();

    app.close(signal).then(
      () => {
        logger.log(`stopped cleanly on ${signal}`);
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`shutdown failed: ${reasonOf(error)}`, (error as Error)?.stack);
        process.exit(1);
      },
    );
  };

  const listeners = SHUTDOWN_SIGNALS.map((signal) => {
    const listener = () => onSignal(signal);
    process.on(signal, listener);

    return { signal, listener };
  });

  return () => {
    for (const { signal, listener } of listeners) {
      process.removeListener(signal, listener);
    }
  };
}

function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
