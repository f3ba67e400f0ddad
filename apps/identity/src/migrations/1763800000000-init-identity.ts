import { messagingTablesSql } from '@xingfu/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** identity's backbone tables and its users. */
export class InitIdentity1763800000000 implements MigrationInterface {
  name = 'InitIdentity1763800000000';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of messagingTablesSql('identity')) await q.query(statement);
    // Role values are ROLES of @xingfu/auth; the CHECK keeps a bad row from ever minting a token.
    await q.query(`CREATE TABLE identity.users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username text NOT NULL UNIQUE CHECK (username = lower(username)),
      password_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('officer', 'project_manager', 'partner', 'foundation', 'admin')),
      townships text[] NOT NULL DEFAULT '{}',
      counties text[] NOT NULL DEFAULT '{}',
      partner_id text NULL,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE identity.users');
    for (const table of ['dead_letters', 'inbox', 'outbox_archive', 'outbox']) await q.query(`DROP TABLE identity.${table}`);
  }
}
