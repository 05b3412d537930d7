import {
  ContainerEventListener,
  DockerEngine,
  DockerError,
  DockerErrorCode,
} from '@hms/docker';

import { configOf } from '../../test/fixtures/containers';
import { ScopeFilter } from '../config/scope-filter';
import { FaultDetector } from '../faults/fault-detector';
import { EventWatcher } from './event-watcher';
import { Reconciler } from './reconciler';

/** An engine whose events stream the test ends, and refuses while told to. */
class FakeEngine {
  listener?: ContainerEventListener;
  connections = 0;
  refuse = 0;

  async watchEvents(listener: ContainerEventListener) {
    if (this.refuse > 0) {
      this.refuse -= 1;
      throw new DockerError(
        DockerErrorCode.EngineUnreachable,
        { operation: 'events' },
        'down',
      );
    }
    this.connections += 1;
    this.listener = listener;

    return { close: () => (this.listener = undefined) };
  }

  endStream(): void {
    this.listener?.onEnd(
      new DockerError(DockerErrorCode.EventStreamFailed, { operation: 'events' }, 'gone'),
    );
  }
}

function setup() {
  const engine = new FakeEngine();
  const relists = { count: 0 };
  const reconciler = { relist: async () => void (relists.count += 1) };
  const sut = new EventWatcher(
    engine as unknown as DockerEngine,
    { onEvent: () => undefined } as unknown as FaultDetector,
    reconciler as unknown as Reconciler,
    new ScopeFilter(configOf()),
  );

  return { sut, engine, relists };
}

describe('EventWatcher', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reconnects after the stream ends, then re-lists what it missed', async () => {
    const { sut, engine, relists } = setup();
    await sut.start();

    engine.endStream();
    await jest.advanceTimersByTimeAsync(250);

    expect(engine.connections).toBe(2);
    expect(relists.count).toBe(1);
    sut.stop();
  });

  it('waits twice as long after each refused reconnect, up to a bound', async () => {
    const { sut, engine } = setup();
    await sut.start();
    engine.refuse = 3;

    engine.endStream();
    await jest.advanceTimersByTimeAsync(250 + 500 + 1000);
    const beforeLastWait = engine.connections;
    await jest.advanceTimersByTimeAsync(2000);

    expect(beforeLastWait).toBe(1);
    expect(engine.connections).toBe(2);
    sut.stop();
  });

  it('does not reconnect once stopped', async () => {
    const { sut, engine } = setup();
    await sut.start();

    sut.stop();
    engine.endStream();
    await jest.advanceTimersByTimeAsync(20_000);

    expect(engine.connections).toBe(1);
  });
});
