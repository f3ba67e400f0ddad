import { ServiceName } from '@xingfu/contracts';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The backbone's tables, created in every service's schema by that service's first migration:
 * - outbox: events committed with the state change that caused them, published by the relay;
 * - outbox_archive: published events past retention (the replayable history);
 * - inbox: one row per (consumer, event) handled, written in the handler's transaction;
 * - dead_letters: events a consumer could not handle after its last attempt.
 */
export function messagingTablesSql(schema: ServiceName): string[] {
  const s = `"${schema}"`;
  return [
    `CREATE TABLE ${s}.outbox (
      seq bigserial PRIMARY KEY,
      event_id uuid NOT NULL UNIQUE,
      topic text NOT NULL,
      key text NOT NULL,
      type text NOT NULL,
      version int NOT NULL,
      payload jsonb NOT NULL,
      headers jsonb NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'failed')),
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz
    )`,
    `CREATE INDEX outbox_pending_seq ON ${s}.outbox (seq) WHERE status = 'pending'`,
    `CREATE INDEX outbox_pending_key ON ${s}.outbox (key, seq) WHERE status = 'pending'`,
    `CREATE TABLE ${s}.outbox_archive (LIKE ${s}.outbox INCLUDING DEFAULTS)`,
    `CREATE TABLE ${s}.inbox (
      consumer text NOT NULL,
      event_id uuid NOT NULL,
      type text NOT NULL,
      handled_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`,
    `CREATE TABLE ${s}.dead_letters (
      id bigserial PRIMARY KEY,
      consumer text NOT NULL,
      event_id uuid NOT NULL,
      envelope jsonb NOT NULL,
      error text NOT NULL,
      attempts int NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      replayed_at timestamptz,
      UNIQUE (consumer, event_id)
    )`,
  ];
}

export function outboxChannel(schema: ServiceName): string {
  return `xingfu_outbox_${schema}`;
}

/**
 * The first migration of every service: its backbone tables. A factory, because the DDL is
 * the same for each schema; TypeORM reads the timestamp from the end of the name.
 */
export function messagingTablesMigration(schema: ServiceName, timestamp: number): new () => MigrationInterface {
  const name = `MessagingTables${schema[0].toUpperCase()}${schema.slice(1)}${timestamp}`;
  return class implements MigrationInterface {
    name = name;
    async up(queryRunner: QueryRunner): Promise<void> {
      for (const statement of messagingTablesSql(schema)) await queryRunner.query(statement);
    }
    async down(queryRunner: QueryRunner): Promise<void> {
      for (const table of ['dead_letters', 'inbox', 'outbox_archive', 'outbox']) await queryRunner.query(`DROP TABLE "${schema}".${table}`);
    }
  };
}
