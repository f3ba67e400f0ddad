import { Client } from 'pg';

/** One query on a connection of its own (for when no app, or no open DataSource, is at hand). */
export async function queryOnce<T = Record<string, unknown>>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Inserts a township's read-model row in a transaction left open: reporting's
 * applications-by-township handler for that township then waits on it, inside its inbox
 * transaction, until `release()` rolls the row back. A handler held mid-transaction.
 */
export async function holdTownshipRow(databaseUrl: string, townshipCode: string): Promise<{ release(): Promise<void> }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO reporting.applications_by_township (township_code, county_code, applications, last_event_at) VALUES ($1, $2, 0, now())`,
    [townshipCode, townshipCode.slice(0, 6)],
  );
  return {
    release: async () => {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

/** How many sessions of this database wait for a lock (a held handler shows up here). */
export async function lockWaits(databaseUrl: string): Promise<number> {
  const [{ n }] = await queryOnce<{ n: number }>(
    databaseUrl,
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return n;
}

/** Reporting's count for a township, 0 when it has none. */
export async function townshipCount(databaseUrl: string, townshipCode: string): Promise<number> {
  const rows = await queryOnce<{ applications: number }>(databaseUrl, `SELECT applications FROM reporting.applications_by_township WHERE township_code = $1`, [townshipCode]);
  return rows[0]?.applications ?? 0;
}
