import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first truthy result', async () => {
    let calls = 0;

    const result = await waitFor(() => (++calls >= 3 ? 'ready' : undefined), { intervalMs: 1 });

    expect(result).toBe('ready');
    expect(calls).toBe(3);
  });

  it('names what it waited for when the deadline passes', async () => {
    const waiting = waitFor(() => false, { timeoutMs: 20, intervalMs: 5, what: 'the broker' });

    await expect(waiting).rejects.toThrow('timed out after 20 ms waiting for the broker');
  });
});
