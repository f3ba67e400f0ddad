import { DataSource } from 'typeorm';

/**
 * The shared records of time-driven work, in schema `platform`: the managed business date
 * every process reads, and the business dates each service's sweeps have run for. Created
 * idempotently at start-up under an advisory lock, so processes starting together do not race.
 */
export async function ensurePlatformTables(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('xingfu.platform.tables'))`);
    await manager.query(`CREATE SCHEMA IF NOT EXISTS platform`);
    await manager.query(`
      CREATE TABLE IF NOT EXISTS platform.business_date (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        business_date date NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL
      )`);
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
