import { Injectable } from '@nestjs/common';
import { queryPipelined, SqlStatement } from '@xingfu/database';
import { EntityManager } from 'typeorm';
import { CellChangeSet, countedShares } from '../cells/cell-change-set';
import { ApplicationFacts, applicationShares, applicationStatus, FollowUpSummary, outOfPoverty } from '../domain/application-figures';
import { standardsLockedForReading } from '../projects/project-standard-lock';

interface ApplicationRow extends ApplicationFacts {
  application_id: string;
  counted: unknown;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * reporting.applications: one row per application, created by whichever of its events comes
 * first. `refreshMany` derives the status and the cells' share from the rows (with their
 * follow-ups and their projects' income ceilings) and records the changes in the transaction's
 * change set, each step for all the rows at once.
 */
@Injectable()
export class ApplicationFactsStore {
  /**
   * The rows, created empty for an application whose first event this is, locked FOR UPDATE for
   * the transaction, one at a time in id order (as every consumer locks them, so two never wait
   * on each other in a circle), in one statement: the conflict arm takes the lock on a row that
   * exists, and its WHERE false writes nothing.
   */
  lockStatement(applicationIds: readonly string[]): SqlStatement {
    return {
      sql: `INSERT INTO reporting.applications AS a (application_id) SELECT id FROM unnest($1::uuid[]) AS id ORDER BY id
            ON CONFLICT (application_id) DO UPDATE SET application_id = EXCLUDED.application_id WHERE false`,
      params: [[...new Set(applicationIds)]],
    };
  }

  async lock(manager: EntityManager, applicationId: string): Promise<void> {
    await this.lockMany(manager, [applicationId]);
  }

  async lockMany(manager: EntityManager, applicationIds: readonly string[]): Promise<void> {
    if (applicationIds.length === 0) return;
    const { sql, params } = this.lockStatement(applicationIds);
    await manager.query(sql, params);
  }

  /**
   * Reads the rows (locked by the caller), their follow-ups and their projects' ceilings in one
   * round trip, each project's standard locked for reading before its ceiling is read; the rows'
   * and follow-ups' new values go into `changes`, written by its `apply` with the cells.
   */
  async refreshMany(manager: EntityManager, applicationIds: readonly string[], changes: CellChangeSet): Promise<void> {
    const refresh = this.refreshOf(applicationIds);
    refresh.settle(await queryPipelined(manager, refresh.reads), changes);
  }

  /**
   * refreshMany in two halves, for a caller that sends the reads after its own statements in the
   * same round trip (they run in order, each seeing what the ones before it wrote): the reads,
   * then what to do with their rows.
   */
  refreshOf(applicationIds: readonly string[]): { reads: SqlStatement[]; settle(rows: readonly Record<string, unknown>[][], changes: CellChangeSet): void } {
    const ids = [...new Set(applicationIds)].sort();
    if (ids.length === 0) return { reads: [], settle: () => undefined };
    return {
      reads: [
        standardsLockedForReading(ids),
        {
          sql: `SELECT a.application_id, a.project_id, a.county_code, a.township_code, a.village_code, a.industry, a.model, a.partner_id,
                       a.round, a.submitted_on, a.eligible, a.approved_on, a.rejected, a.withdrawn, a.closed_on, a.counted
                  FROM reporting.applications a WHERE a.application_id = ANY($1::uuid[]) ORDER BY a.application_id`,
          params: [ids],
        },
        { sql: `SELECT application_id, first_income_fen, latest_income_fen FROM reporting.follow_ups WHERE application_id = ANY($1::uuid[])`, params: [ids] },
        {
          sql: `SELECT p.project_id, p.income_ceiling_fen FROM reporting.projects p
                 WHERE p.project_id IN (SELECT a.project_id FROM reporting.applications a WHERE a.application_id = ANY($1::uuid[]))`,
          params: [ids],
        },
      ],
      settle: (results, changes) => {
        const [standards, rows, visits, projects] = results as unknown as [{ project_id: string; locked: boolean }[], ApplicationRow[], VisitRow[], ProjectRow[]];
        settleRefresh(standards, rows, visits, projects, changes);
      },
    };
  }
}

function settleRefresh(standards: { project_id: string; locked: boolean }[], rows: ApplicationRow[], visits: VisitRow[], projects: ProjectRow[], changes: CellChangeSet): void {
  const busy = standards.find((s) => !s.locked);
  if (busy) throw new Error(`project ${busy.project_id}'s aid standard is being changed by another transaction; this one is retried after it`);
  const visitOf = new Map(visits.map((v) => [v.application_id, v]));
  const ceilingOf = new Map(projects.map((p) => [p.project_id, num(p.income_ceiling_fen)]));
  const updates: { id: string; status: string; counted: string | null }[] = [];
  const followUps: { id: string; poverty: boolean | null }[] = [];
  for (const row of rows) {
    const visit = visitOf.get(row.application_id);
    const followUp: FollowUpSummary | null = visit ? { firstIncomeFen: Number(visit.first_income_fen), latestIncomeFen: Number(visit.latest_income_fen) } : null;
    const poverty = outOfPoverty(followUp?.latestIncomeFen ?? null, row.project_id ? (ceilingOf.get(row.project_id) ?? null) : null);
    const after = applicationShares({ ...row, round: num(row.round) }, followUp, poverty);
    changes.portfolioShares(countedShares(row.counted), after);
    updates.push({ id: row.application_id, status: applicationStatus(row), counted: after.length ? JSON.stringify(after) : null });
    if (visit) followUps.push({ id: row.application_id, poverty });
  }
  if (updates.length) {
    changes.writeFact({
      sql: `UPDATE reporting.applications a SET status = u.status, counted = u.counted
              FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS u(id, status, counted) WHERE a.application_id = u.id`,
      params: [updates.map((u) => u.id), updates.map((u) => u.status), updates.map((u) => u.counted)],
    });
  }
  if (followUps.length) {
    changes.writeFact({
      sql: `UPDATE reporting.follow_ups f SET out_of_poverty = u.poverty FROM unnest($1::uuid[], $2::boolean[]) AS u(id, poverty) WHERE f.application_id = u.id`,
      params: [followUps.map((f) => f.id), followUps.map((f) => f.poverty)],
    });
  }
}

interface VisitRow {
  application_id: string;
  first_income_fen: string;
  latest_income_fen: string;
}

interface ProjectRow {
  project_id: string;
  income_ceiling_fen: string;
}
