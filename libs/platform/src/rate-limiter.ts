import { Injectable } from '@nestjs/common';
import { AppConfig } from '@xingfu/common';
import { RedisConnection } from './redis.connection';

// One round trip: count the hit, start the window on the first, say how long it has left.
const HIT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

/**
 * Fixed-window counters and timed locks in Redis, so every instance of a service shares them
 * (a limit kept in one process's memory would be multiplied by the number of instances).
 */
@Injectable()
export class RateLimiter {
  constructor(
    private readonly redis: RedisConnection,
    private readonly config: AppConfig,
  ) {}

  /** Counts one hit on `key`; the count in the current window and the seconds the window has left. */
  async hit(key: string, windowSeconds: number): Promise<{ count: number; retryAfterSeconds: number }> {
    const [count, ttl] = (await this.redis.commands().eval(HIT, 1, this.key(key), windowSeconds * 1000)) as [number, number];
    return { count, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
  }

  /** Seconds until `key`'s lock ends; 0 when it is not locked. */
  async lockedFor(key: string): Promise<number> {
    const ttl = await this.redis.commands().pttl(this.key(key));
    return ttl > 0 ? Math.ceil(ttl / 1000) : 0;
  }

  async lock(key: string, seconds: number): Promise<void> {
    await this.redis.commands().set(this.key(key), '1', 'EX', seconds);
  }

  async clear(...keys: string[]): Promise<void> {
    await this.redis.commands().del(...keys.map((k) => this.key(k)));
  }

  private key(key: string): string {
    return `${this.config.BULLMQ_PREFIX}:limit:${key}`;
  }
}
