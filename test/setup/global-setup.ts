import { Client } from 'pg';
import Redis from 'ioredis';
// Relative imports: Jest loads global set-up outside the module name mapper.
import { startBroker, watchBroker } from '../../libs/testing/src/broker';
import { assertTestDatabaseUrl, TEST_PG_ADMIN_URL } from '../../libs/testing/src/test-database';

/** Once per run: the real services answer, and one Kafka-protocol broker runs (a file that uses Kafka gets its own: file-broker.ts). */
export default async function globalSetup(): Promise<void> {
  // One id per run, inherited by the test processes: their data folders share a root (testDataRoot).
  process.env.XINGFU_TEST_RUN ??= `${process.pid}`;
  if (process.env.DATABASE_URL) assertTestDatabaseUrl(process.env.DATABASE_URL);
  const pg = new Client({ connectionString: TEST_PG_ADMIN_URL });
  await pg.connect().catch((error) => {
    throw new Error(`PostgreSQL does not answer at ${TEST_PG_ADMIN_URL}: ${error.message}`);
  });
  await pg.end();
  const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 0 });
  await redis.connect().catch((error) => {
    throw new Error(`Redis does not answer: ${error.message}`);
  });
  redis.disconnect();
  await startBroker();
  // The process lives for the whole run (--runInBand), so one watchdog serves every file.
  watchBroker();
}
