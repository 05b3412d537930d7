import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first truthy result', async () => {
    let calls = 0;

    const result = await waitFor(() => (++calls >= 3 ? 'ready' : undefined), {
      intervalMs: 1,
    });

    expect(result).toBe('ready');
    expect(calls).toBe(3);
  });

  it('names what it waited for when the deadline passes', async () => {
    const waiting = waitFor(() => false, {
      timeoutMs: 20,
      intervalMs: 5,
      what: 'the broker',
    });

    await expect(waiting).rejects.toThrow('timed out after 20 ms waiting for the broker');
  });

  it('keeps polling through errors, but ends at once on a fatal one', async () => {
    let calls = 0;
    const probe = () => {
      calls += 1;
      throw new Error(calls < 3 ? 'not yet' : 'the app exited');
    };

    const waiting = waitFor(probe, {
      timeoutMs: 10_000,
      intervalMs: 1,
      fatal: (error) => (error as Error).message === 'the app exited',
    });

    await expect(waiting).rejects.toThrow('the app exited');
    expect(calls).toBe(3);
  });
});
