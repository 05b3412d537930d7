import { Logger } from '@nestjs/common';

import { Closable, exitOnShutdownSignals, SHUTDOWN_SIGNALS } from './signal-shutdown';

/** A manager whose close() finishes when the test says so. */
class FakeApp implements Closable {
  readonly closedWith: (string | undefined)[] = [];
  private finish?: (error?: Error) => void;

  close(signal?: string): Promise<void> {
    this.closedWith.push(signal);

    return new Promise((resolve, reject) => {
      this.finish = (error) => (error === undefined ? resolve() : reject(error));
    });
  }

  finishClosing(error?: Error): void {
    this.finish?.(error);
  }
}

/** The listeners present before the code under test added its own. */
const preexisting = new Map<NodeJS.Signals, Set<unknown>>();

/**
 * Delivers `signal` to the listeners the code under test added. Not with
 * process.emit: a test runner may wrap it, delivering to the real process only.
 */
function send(signal: NodeJS.Signals): void {
  const added = process
    .listeners(signal)
    .filter((listener) => !preexisting.get(signal)?.has(listener));

  for (const listener of added) {
    (listener as (signal: NodeJS.Signals) => void)(signal);
  }
}

describe('exitOnShutdownSignals', () => {
  let exit: jest.SpyInstance;
  let detach: () => void;
  let app: FakeApp;

  beforeEach(() => {
    for (const signal of SHUTDOWN_SIGNALS) {
      preexisting.set(signal, new Set(process.listeners(signal)));
    }
    jest.useFakeTimers();
    exit = jest.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    app = new FakeApp();
    detach = exitOnShutdownSignals(app, 8000);
  });

  afterEach(() => {
    detach();
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  it('closes the manager with the signal, then exits 0', async () => {
    send('SIGTERM');
    expect(exit).not.toHaveBeenCalled();

    app.finishClosing();
    await jest.advanceTimersByTimeAsync(0);

    expect(app.closedWith).toEqual(['SIGTERM']);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('exits at once with 128 + the signal on a second signal', async () => {
    send('SIGINT');
    send('SIGINT');

    expect(app.closedWith).toEqual(['SIGINT']);
    expect(exit).toHaveBeenCalledWith(130);
  });

  it('exits 1 when closing fails', async () => {
    send('SIGTERM');

    app.finishClosing(new Error('broker gone'));
    await jest.advanceTimersByTimeAsync(0);

    expect(exit).toHaveBeenCalledWith(1);
  });

  it('exits 1 when closing outlasts the deadline', async () => {
    send('SIGTERM');

    await jest.advanceTimersByTimeAsync(7999);
    expect(exit).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);

    expect(exit).toHaveBeenCalledWith(1);
  });

  it('stops listening once detached', () => {
    detach();

    for (const signal of SHUTDOWN_SIGNALS) {
      expect(new Set(process.listeners(signal))).toEqual(preexisting.get(signal));
    }
  });
});
