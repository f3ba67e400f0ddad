import { ServiceName } from '@xingfu/contracts';
import { MigrationInterface } from 'typeorm';

/**
 * What a service contributes to the database: its schema (named after the service),
 * its entities and its ordered migrations. The root module of whatever process hosts
 * the service passes this to DatabaseModule.forRoot.
 */
export interface ServiceDatabase {
  schema: ServiceName;
  entities: Function[];
  migrations: (new () => MigrationInterface)[];
}
