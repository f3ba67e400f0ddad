import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ServiceDatabase } from './service-database';

const logger = new Logger('Migrations');

/**
 * Creates each service's schema and runs its pending migrations, recorded in
 * `<schema>.migrations`. An advisory lock per schema keeps two replicas of one service
 * from migrating at once; different services migrate independently.
 */
export async function migrateServices(url: string, services: ServiceDatabase[]): Promise<void> {
  for (const service of services) await migrateService(url, service);
}

async function migrateService(url: string, service: ServiceDatabase): Promise<void> {
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`xingfu.migrate.${service.schema}`]);
    await lock.query(`CREATE SCHEMA IF NOT EXISTS "${service.schema}"`);
    const dataSource = new DataSource({
      type: 'postgres',
      url,
      schema: service.schema,
      migrationsTableName: 'migrations',
      migrations: service.migrations,
      migrationsTransactionMode: 'each',
      logging: false,
    });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations();
      if (applied.length) logger.log(`${service.schema}: applied ${applied.map((m) => m.name).join(', ')}`);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.end();
  }
}
