import { DataSource } from 'typeorm';

/**
 * The business dates each service's sweeps have run for, in schema `platform` (beside the
 * managed business date, which libs/platform keeps). Created idempotently at start-up under
 * the same advisory lock, so processes starting together do not race.
 */
export async function ensureSweepRunsTable(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('xingfu.platform.tables'))`);
    await manager.query(`CREATE SCHEMA IF NOT EXISTS platform`);
    await manager.query(`
      CREATE TABLE IF NOT EXISTS platform.sweep_runs (
        service text NOT NULL,
        sweep text NOT NULL,
        business_date date NOT NULL,
        ran_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (service, sweep, business_date)
      )`);
  });
}
