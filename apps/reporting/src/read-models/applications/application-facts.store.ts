import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CellChangeSet, countedShares } from '../cells/cell-change-set';
import { ApplicationFacts, applicationShares, applicationStatus, FollowUpSummary, outOfPoverty } from '../domain/application-figures';
import { lockStandardForReading } from '../projects/project-standard-lock';

interface ApplicationRow extends ApplicationFacts {
  application_id: string;
  counted: unknown;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * reporting.applications: one row per application, created by whichever of its events comes
 * first. `refresh` derives the status and the cells' share from the row (with its follow-ups
 * and its project's income ceiling) and records the change in the transaction's change set.
 */
@Injectable()
export class ApplicationFactsStore {
  /** The row, created empty if this is the first event of the application, locked for the transaction. */
  async lock(manager: EntityManager, applicationId: string): Promise<void> {
    await manager.query(`INSERT INTO reporting.applications (application_id) VALUES ($1) ON CONFLICT DO NOTHING`, [applicationId]);
    await manager.query(`SELECT 1 FROM reporting.applications WHERE application_id = $1 FOR UPDATE`, [applicationId]);
  }

  async refresh(manager: EntityManager, applicationId: string, changes: CellChangeSet): Promise<void> {
    const [row]: ApplicationRow[] = await manager.query(
      `SELECT a.application_id, a.project_id, a.county_code, a.township_code, a.village_code, a.industry, a.model, a.partner_id,
              a.round, a.submitted_on, a.eligible, a.approved_on, a.rejected, a.withdrawn, a.closed_on, a.counted
         FROM reporting.applications a WHERE a.application_id = $1`,
      [applicationId],
    );
    if (!row) return;
    const [visit]: { first_income_fen: string; latest_income_fen: string }[] = await manager.query(
      `SELECT first_income_fen, latest_income_fen FROM reporting.follow_ups WHERE application_id = $1`,
      [applicationId],
    );
    if (row.project_id) await lockStandardForReading(manager, row.project_id);
    const [project]: { income_ceiling_fen: string }[] = row.project_id
      ? await manager.query(`SELECT income_ceiling_fen FROM reporting.projects WHERE project_id = $1`, [row.project_id])
      : [];
    const followUp: FollowUpSummary | null = visit ? { firstIncomeFen: Number(visit.first_income_fen), latestIncomeFen: Number(visit.latest_income_fen) } : null;
    const poverty = outOfPoverty(followUp?.latestIncomeFen ?? null, num(project?.income_ceiling_fen));
    const after = applicationShares({ ...row, round: num(row.round) }, followUp, poverty);
    changes.portfolioShares(countedShares(row.counted), after);
    await manager.query(`UPDATE reporting.applications SET status = $2, counted = $3 WHERE application_id = $1`, [
      applicationId,
      applicationStatus(row),
      after.length ? JSON.stringify(after) : null,
    ]);
    if (visit) await manager.query(`UPDATE reporting.follow_ups SET out_of_poverty = $2 WHERE application_id = $1`, [applicationId, poverty]);
  }
}
