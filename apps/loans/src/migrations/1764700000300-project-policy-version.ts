import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The policy version whose charge loans.projects holds: a ProjectPolicyChanged older than the
 * one applied (re-emitted, or redelivered out of order) must not put an old rate back.
 */
export class ProjectPolicyVersion1764700000300 implements MigrationInterface {
  name = 'ProjectPolicyVersion1764700000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE loans.projects ADD COLUMN policy_version int NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE loans.projects DROP COLUMN policy_version`);
  }
}
