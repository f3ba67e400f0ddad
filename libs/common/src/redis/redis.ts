import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import Redis from 'ioredis';

const logger = new Logger('Redis');
const PRIVATE_PORT = 6390;

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * The Redis to use: REDIS_URL when it answers; in standalone, otherwise a private
 * redis-server under DATA_DIR when one is on the PATH; otherwise one clear sentence.
 */
export async function resolveRedisUrl(url: string, dataDir: string, allowPrivate: boolean): Promise<string> {
  if (await answers(url)) return url;
  const hasBinary = spawnSync('redis-server', ['--version']).status === 0;
  if (!allowPrivate || !hasBinary) {
    throw new Error(
      `Redis does not answer at ${url}. Start Redis there, or set REDIS_URL to one that runs` +
        (allowPrivate ? ', or install redis-server so standalone can start its own.' : '.'),
    );
  }
  const dir = resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const privateUrl = `redis://127.0.0.1:${PRIVATE_PORT}`;
  if (!(await answers(privateUrl))) {
    const child = spawn('redis-server', ['--port', String(PRIVATE_PORT), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
      detached: false,
    });
    process.once('exit', () => child.kill());
    for (let i = 0; i < 50 && !(await answers(privateUrl)); i++) await sleep(100);
    logger.log(`started a private redis-server on ${privateUrl} (data in ${dir})`);
  } else {
    logger.log(`using the private redis-server on ${privateUrl}`);
  }
  return privateUrl;
}
