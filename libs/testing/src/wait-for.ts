export interface WaitOptions {
  /** @default 30000 */
  readonly timeoutMs?: number;

  /** @default 100 */
  readonly intervalMs?: number;

  /** Says what was awaited, for the error when the deadline passes. */
  readonly what?: string;

  /**
   * Errors of the probe that end the wait at once, rethrown: the awaited
   * thing can no longer happen (e.g. the process that would do it exited).
   */
  readonly fatal?: (error: unknown) => boolean;
}

/**
 * Polls `probe` until it returns something other than undefined/false, or the
 * deadline passes. Integration tests wait for the event they expect with this,
 * never with a fixed sleep.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  options: WaitOptions = {},
): Promise<T> {
  const { timeoutMs = 30_000, intervalMs = 100, what = 'condition', fatal } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;

  while (Date.now() < deadline) {
    try {
      const result = await probe();
      if (result !== undefined && result !== false) {
        return result;
      }
    } catch (error) {
      if (fatal?.(error) === true) {
        throw error;
      }
      lastError = error;
    }
    await delay(intervalMs);
  }

  const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
