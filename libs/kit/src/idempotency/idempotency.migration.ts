import { ServiceName } from '@xingfu/contracts';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The table of a service's idempotent answers, unique on (key, actor, route). A factory: the DDL is the same in every schema. */
export function idempotencyTableMigration(schema: ServiceName, timestamp: number): new () => MigrationInterface {
  const name = `IdempotencyKeys${schema[0].toUpperCase()}${schema.slice(1)}${timestamp}`;
  return class implements MigrationInterface {
    name = name;
    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`CREATE TABLE "${schema}".idempotency_keys (
        key text NOT NULL,
        actor text NOT NULL,
        route text NOT NULL,
        request_hash text NOT NULL,
        status_code int NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (key, actor, route)
      )`);
    }
    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`DROP TABLE "${schema}".idempotency_keys`);
    }
  };
}
