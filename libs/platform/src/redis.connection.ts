import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfig, ReadinessRegistry, resolveRedisUrl } from '@xingfu/common';
import Redis, { RedisOptions } from 'ioredis';

/**
 * The process's Redis (BullMQ queues and workers open their connections from `options()`).
 * Resolved at init: REDIS_URL, or in standalone a private redis-server when none answers.
 */
@Injectable()
export class RedisConnection implements OnModuleInit, OnApplicationShutdown {
  private url?: string;
  private client?: Redis;

  constructor(
    private readonly config: AppConfig,
    private readonly readiness: ReadinessRegistry,
    @Inject('STANDALONE') private readonly standalone: boolean,
  ) {}

  async onModuleInit(): Promise<void> {
    this.url = await resolveRedisUrl(this.config.REDIS_URL, this.config.DATA_DIR, this.standalone);
    this.client = new Redis(this.url, { maxRetriesPerRequest: 1, lazyConnect: false });
    this.client.on('error', () => undefined);
    this.readiness.register({
      name: 'redis',
      probe: async () => {
        if ((await this.client?.ping()) !== 'PONG') throw new Error('no PONG');
      },
    });
  }

  /** The shared command connection (rate limits, the revocation list). */
  commands(): Redis {
    if (!this.client) throw new Error('Redis is not resolved yet');
    return this.client;
  }

  /** A connection of its own (a subscriber cannot send commands); the caller closes it. */
  duplicate(): Redis {
    const client = this.commands().duplicate();
    client.on('error', () => undefined);
    return client;
  }

  /** Connection options for BullMQ (which needs maxRetriesPerRequest: null on workers). */
  options(): RedisOptions {
    if (!this.url) throw new Error('Redis is not resolved yet');
    const u = new URL(this.url);
    return {
      host: u.hostname,
      port: Number(u.port || 6379),
      username: u.username || undefined,
      password: u.password || undefined,
      db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined,
      tls: u.protocol === 'rediss:' ? {} : undefined,
      maxRetriesPerRequest: null,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.client?.disconnect();
  }
}
