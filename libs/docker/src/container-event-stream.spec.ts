import { PassThrough } from 'node:stream';

import { ContainerEvent } from './container-event';
import { ContainerEventStream } from './container-event-stream';
import { DockerError, DockerErrorCode } from './docker-error';

function line(action: string, id = 'a'.repeat(64)): string {
  return JSON.stringify({
    Type: 'container',
    Action: action,
    Actor: { ID: id },
    timeNano: 1e18,
  });
}

function follow() {
  const stream = new PassThrough();
  const events: ContainerEvent[] = [];
  const ends: DockerError[] = [];
  const subscription = new ContainerEventStream(stream, {
    onEvent: (event) => events.push(event),
    onEnd: (error) => ends.push(error),
  });

  return { stream, events, ends, subscription };
}

describe('ContainerEventStream', () => {
  it('reassembles events split across chunks', () => {
    const { stream, events } = follow();
    const text = `${line('kill')}\n${line('die')}\n`;

    stream.write(text.slice(0, 30));
    stream.write(text.slice(30, 100));
    stream.write(text.slice(100));

    expect(events.map((event) => event.action)).toEqual(['kill', 'die']);
  });

  it('skips a line that is not JSON and carries on', () => {
    const { stream, events } = follow();

    stream.write(`{"Type": "conta\n${line('stop')}\n`);

    expect(events.map((event) => event.action)).toEqual(['stop']);
  });

  it('reports the end of the stream once', async () => {
    const { stream, ends } = follow();

    stream.end();
    await new Promise((resolve) => setImmediate(resolve));

    expect(ends).toHaveLength(1);
    expect(ends[0].code).toBe(DockerErrorCode.EventStreamFailed);
  });

  it('reports a stream error with its reason', () => {
    const { stream, ends } = follow();

    stream.destroy(new Error('socket hang up'));

    return new Promise<void>((resolve) =>
      setImmediate(() => {
        expect(ends).toHaveLength(1);
        expect(ends[0].message).toContain('socket hang up');
        resolve();
      }),
    );
  });

  it('stays silent after close()', async () => {
    const { stream, events, ends, subscription } = follow();

    subscription.close();
    stream.write(`${line('start')}\n`);
    await new Promise((resolve) => setImmediate(resolve));

    expect(events).toEqual([]);
    expect(ends).toEqual([]);
  });
});
