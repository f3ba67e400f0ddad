import { AsyncLocalStorage } from 'node:async_hooks';

/** The Idempotency-Key of the request being handled, with what identifies its first answer. */
export interface IdempotentRequest {
  key: string;
  /** Who asked: the same key from two users is two keys. */
  actor: string;
  /** Method and path, ids included: the same key on two routes is two keys. */
  route: string;
  /** sha256 of the body, keys sorted: the same key with another body is refused (422). */
  requestHash: string;
  /** The status the route answers with when it succeeds; replayed with the body. */
  statusCode: number;
  /** Set by the first unit of work that claims it, so nested or later work does not claim again. */
  claimed: boolean;
}

const storage = new AsyncLocalStorage<IdempotentRequest>();

export function runWithIdempotentRequest<T>(request: IdempotentRequest, fn: () => T): T {
  return storage.run(request, fn);
}

export function currentIdempotentRequest(): IdempotentRequest | undefined {
  return storage.getStore();
}

/** Thrown inside the unit of work when the key was answered before: the transaction rolls back, the interceptor replays. */
export class IdempotentReplay extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: unknown,
  ) {
    super('idempotent replay');
  }
}
