import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestContext {
  correlationId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();
const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export const CORRELATION_HEADER = 'x-correlation-id';

/** A caller's id is kept only when it is short and plain, so it cannot inject into logs. */
export function correlationIdFrom(headerValue: unknown): string {
  return typeof headerValue === 'string' && SAFE_ID.test(headerValue) ? headerValue : randomUUID();
}

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The correlation id of the request or event being handled, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}
