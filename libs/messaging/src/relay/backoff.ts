/** Exponential backoff: base, 2×base, 4×base, ... capped. `attempt` counts from 1. */
export function backoffMs(attempt: number, baseMs: number, capMs = 60_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
