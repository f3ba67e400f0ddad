import { DynamicModule, Global, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, ReadinessRegistry } from '@xingfu/common';
import { types } from 'pg';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from './embedded-postgres';
import { migrateServices } from './migrate';
import { ServiceDatabase } from './service-database';

// A business date is a calendar date: keep Postgres `date` as 'YYYY-MM-DD', never a JS Date at
// some midnight in the server's time zone.
types.setTypeParser(types.builtins.DATE, (value) => value);

/** Where the database is: DATABASE_URL, or an embedded PostgreSQL under DATA_DIR. */
export async function resolveDatabaseUrl(config: AppConfig): Promise<string> {
  return config.DATABASE_URL ?? startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT);
}

@Global()
@Module({})
export class DatabaseModule implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readiness: ReadinessRegistry,
  ) {}

  /** One connection pool for the process; each hosted service's schema migrated before use. */
  static forRoot(services: ServiceDatabase[]): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: async (config: AppConfig) => {
            const url = await resolveDatabaseUrl(config);
            await migrateServices(url, services);
            return {
              type: 'postgres' as const,
              url,
              entities: services.flatMap((s) => s.entities),
              synchronize: false,
              migrationsRun: false,
              extra: { max: 10 },
            };
          },
        }),
      ],
    };
  }

  onModuleInit(): void {
    this.readiness.register({ name: 'database', probe: async () => void (await this.dataSource.query('SELECT 1')) });
  }
}
