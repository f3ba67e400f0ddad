import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * GuaranteeEffective (guarantees' topic) may be delivered before the ApplicationApproved
 * (applications' topic) that creates the loan: topics are not ordered with one another. Such an
 * event is kept here, keyed by the application, and applied when the loan is created, instead of
 * being retried until the inbox parks it.
 */
export class EarlyGuaranteeEffective1764700000400 implements MigrationInterface {
  name = 'EarlyGuaranteeEffective1764700000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE loans.early_guarantee_effective (
      application_id uuid PRIMARY KEY,
      guarantee_id uuid NOT NULL,
      effective_on date NOT NULL,
      event_id uuid NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS loans.early_guarantee_effective`);
  }
}
