import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server tests create their databases on (trust auth on this machine and in CI). */
export const TEST_PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Tests drop and create databases: refuse any whose name does not say it is for tests. */
export function assertTestDatabaseUrl(url: string): void {
  const name = new URL(url).pathname.replace(/^\//, '');
  if (!/test/i.test(name)) {
    throw new Error(`Refusing to run tests against database "${name}": its name must contain "test".`);
  }
}

export function databaseUrl(name: string): string {
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh, empty database per test file, so files never see each other's rows. */
export async function createTestDatabase(label = 'it'): Promise<string> {
  const name = `xingfu_test_${label.replace(/[^a-z0-9]/gi, '').toLowerCase().slice(0, 20)}_${randomBytes(4).toString('hex')}`;
  const url = databaseUrl(name);
  assertTestDatabaseUrl(url);
  const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return url;
}

export async function dropTestDatabase(url: string): Promise<void> {
  assertTestDatabaseUrl(url);
  const name = new URL(url).pathname.replace(/^\//, '');
  const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
