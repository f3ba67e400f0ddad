import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Retries an assertion until it passes or the time is up (then throws its last error).
 * Tests wait for asynchronous delivery with this instead of fixed sleeps.
 */
export async function eventually<T>(assertion: () => Promise<T> | T, { timeoutMs = 20000, intervalMs = 50 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(intervalMs);
    }
  }
}
