/**
 * kafkajs 2.2.4 as patched by patches/kafkajs+2.2.4.patch (applied by patch-package at install).
 * Upstream, every connection's request queue, once it had an answer, scheduled a check of its
 * pending requests with a negative delay (Node runs it after 1 ms, and Node 24 warns), which
 * scheduled the next: a 1 ms loop for the connection's whole life (tulios/kafkajs#1704, #1751;
 * measured here: an idle producer and consumer used 3.9–5.2% of a core, 1.1–1.2% patched).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue');

function queue() {
  const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
  return new RequestQueue({ maxInFlightRequests: 1, requestTimeout: 30_000, enforceRequestTimeout: false, clientId: 'test', broker: '127.0.0.1:1', logger });
}

describe('kafkajs request queue (patched)', () => {
  it('schedules no check when nothing is pending and nothing throttles', () => {
    const q = queue();
    q.checkPendingRequests();
    expect(q.throttleCheckTimeoutId).toBeNull();
    q.destroy();
  });

  it('still schedules one while a request waits, or while throttled', () => {
    const waiting = queue();
    waiting.pending.push({});
    waiting.scheduleCheckPendingRequests();
    expect(waiting.throttleCheckTimeoutId).not.toBeNull();
    waiting.destroy();

    const throttled = queue();
    throttled.maybeThrottle(50);
    throttled.scheduleCheckPendingRequests();
    expect(throttled.throttleCheckTimeoutId).not.toBeNull();
    throttled.destroy();
  });
});
