import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brokerAddress } from './broker';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';
export const TEST_PII_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

/**
 * Where the data folders of one test run go: one folder, removed by the global teardown, so
 * the apps a run starts (many as child processes) leave nothing behind in the temp folder.
 */
export function testDataRoot(): string {
  return join(tmpdir(), `xingfu-test-data-${process.env.XINGFU_TEST_RUN ?? process.pid}`);
}

/** The environment a test process runs with: its own database, and Kafka only when asked. */
export function testEnv(databaseUrl: string, options: { kafka?: boolean; extra?: NodeJS.ProcessEnv } = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    KAFKA_BROKERS: options.kafka ? brokerAddress() : '',
    KAFKA_GROUP_PREFIX: `t${randomBytes(4).toString('hex')}.`,
    // go-mokapi takes one record per produce request (see AppConfig.KAFKA_BATCH_PUBLISH).
    KAFKA_BATCH_PUBLISH: 'false',
    BULLMQ_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: TEST_JWT_SECRET,
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    OUTBOX_POLL_INTERVAL_MS: '200',
    OUTBOX_BACKOFF_BASE_MS: '50',
    INBOX_BACKOFF_BASE_MS: '10',
    // Not created here: an app makes its DATA_DIR when it needs one.
    DATA_DIR: join(testDataRoot(), randomBytes(6).toString('hex')),
    ADMIN_PASSWORD: 'admin-password-for-tests',
    ...options.extra,
  };
}
