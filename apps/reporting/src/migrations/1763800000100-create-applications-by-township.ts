import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateApplicationsByTownship1763800000100 implements MigrationInterface {
  name = 'CreateApplicationsByTownship1763800000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE reporting.applications_by_township (
      township_code char(9) PRIMARY KEY,
      county_code char(6) NOT NULL,
      applications int NOT NULL DEFAULT 0,
      last_event_at timestamptz NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE reporting.applications_by_township');
  }
}
