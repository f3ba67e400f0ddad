import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { ServiceName } from '@xingfu/contracts';
import { DomainError } from '@xingfu/kernel';
import { queryPipelined, SqlStatement } from '@xingfu/database';
import { EntityManager } from 'typeorm';
import { currentIdempotentRequest, IdempotentReplay, IdempotentRequest } from './idempotent-request';

/**
 * The stored first answers of idempotent requests, in each service's own schema. Claimed and
 * recorded inside the unit of work's transaction:
 * - an advisory lock on the key: a second request while the first runs answers 409;
 * - the stored row: the same body replays it, another body answers 422;
 * - the answer is inserted in the same transaction as the command's writes.
 */
@Injectable()
export class IdempotencyStore {
  async claim(manager: EntityManager, schema: ServiceName): Promise<IdempotentRequest | undefined> {
    const request = currentIdempotentRequest();
    if (!request || request.claimed) return undefined;
    request.claimed = true;
    // The key's lock and its stored answer in one round trip: the lookup runs after the lock was
    // tried, with its own snapshot, so once the lock is granted it sees what the key's last holder
    // committed (as when sent alone). Not granted: the answer read is not used.
    const [[{ locked }], [stored]] = (await queryPipelined(manager, [
      { sql: 'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked', params: [`${schema}|${request.actor}|${request.route}|${request.key}`] },
      {
        sql: `SELECT request_hash, status_code, response FROM "${schema}".idempotency_keys WHERE key = $1 AND actor = $2 AND route = $3`,
        params: [request.key, request.actor, request.route],
      },
    ])) as [[{ locked: boolean }], { request_hash: string; status_code: number; response: unknown }[]];
    if (!locked) {
      throw new DomainError('conflict', 'idempotency_key_in_use', 'A request with this Idempotency-Key is still being handled; retry when it has finished.', {
        idempotencyKey: request.key,
      });
    }
    if (stored) {
      if (stored.request_hash !== request.requestHash) {
        throw new UnprocessableEntityException({
          code: 'idempotency_key_reused',
          message: 'This Idempotency-Key was used with another request body; use a new key for a new request.',
          details: { idempotencyKey: request.key },
        });
      }
      throw new IdempotentReplay(stored.status_code, stored.response);
    }
    return request;
  }

  async record(manager: EntityManager, schema: ServiceName, request: IdempotentRequest, response: unknown): Promise<void> {
    const { sql, params } = this.recordStatement(schema, request, response);
    await manager.query(sql, params);
  }

  /** The INSERT of the stored answer, for the unit of work to send with the command's other writes. */
  recordStatement(schema: ServiceName, request: IdempotentRequest, response: unknown): SqlStatement {
    return {
      sql: `INSERT INTO "${schema}".idempotency_keys (key, actor, route, request_hash, status_code, response) VALUES ($1, $2, $3, $4, $5, $6)`,
      params: [request.key, request.actor, request.route, request.requestHash, request.statusCode, JSON.stringify(response ?? null)],
    };
  }
}
