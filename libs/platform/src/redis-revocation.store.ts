import { Injectable } from '@nestjs/common';
import { RevocationStore } from '@xingfu/auth';
import { AppConfig } from '@xingfu/common';
import { RedisConnection } from './redis.connection';

/**
 * The revoked users in the deployment's one Redis: a sorted set (user id, revoked at), pruned
 * once no token issued before a revocation can still be alive, and a channel that tells every
 * process of a new one at once.
 */
@Injectable()
export class RedisRevocationStore extends RevocationStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async all(): Promise<Map<string, number>> {
    const redis = this.redis.commands();
    const key = this.key();
    await redis.zremrangebyscore(key, '-inf', Date.now() - (this.config.JWT_TTL_SECONDS + 60) * 1000);
    const flat = await redis.zrange(key, 0, -1, 'WITHSCORES');
    const out = new Map<string, number>();
    for (let i = 0; i < flat.length; i += 2) out.set(flat[i], Number(flat[i + 1]));
    return out;
  }

  async revoke(userId: string, atMs: number): Promise<void> {
    const redis = this.redis.commands();
    await redis.zadd(this.key(), atMs, userId);
    await redis.publish(this.channel(), JSON.stringify({ userId, atMs }));
  }

  async subscribe(onRevoked: (userId: string, atMs: number) => void): Promise<() => Promise<void>> {
    const subscriber = this.redis.duplicate();
    subscriber.on('message', (_channel: string, message: string) => {
      try {
        const { userId, atMs } = JSON.parse(message) as { userId: string; atMs: number };
        if (typeof userId === 'string' && typeof atMs === 'number') onRevoked(userId, atMs);
      } catch {
        // Not one of ours: ignored.
      }
    });
    await subscriber.subscribe(this.channel());
    return async () => {
      subscriber.disconnect();
    };
  }

  private key(): string {
    return `${this.config.BULLMQ_PREFIX}:auth:revoked-users`;
  }

  private channel(): string {
    return `${this.config.BULLMQ_PREFIX}:auth:revocations`;
  }
}
