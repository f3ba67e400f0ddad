import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The keyed lookup hash of the mother's name (ApplicationApproved.motherNameHash): the
 * disbursement checks that the benefit card is in her name, which her masked name (王*梅) alone
 * cannot tell from a relative's with the same first and last character. Null for a loan opened
 * from an older event, which keeps the masked check.
 */
export class MotherNameHash1765100000500 implements MigrationInterface {
  name = 'MotherNameHash1765100000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE loans.loans ADD COLUMN mother_name_hash text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE loans.loans DROP COLUMN IF EXISTS mother_name_hash`);
  }
}
