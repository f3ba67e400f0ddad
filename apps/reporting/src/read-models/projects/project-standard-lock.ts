import { SqlStatement } from '@xingfu/database';
import { EntityManager } from 'typeorm';

/**
 * Why a lock: a project's income ceiling and a mother's follow-up can arrive in two transactions
 * at once (over Kafka their keys sit on different partitions). Each reads what the other has not
 * committed yet, so the follow-up was counted against no ceiling and the new ceiling recounted
 * no follow-up: 脱贫 stayed unknown. The change takes the project's lock exclusively; a
 * refresh takes it shared, and when a change holds it, fails at once (the inbox retries it
 * after the change commits) rather than wait on it while holding an application's row lock the
 * change may need next, which would deadlock.
 */
const LOCK_SPACE = "hashtext('reporting.project-standard')";

export async function lockStandardForChange(manager: EntityManager, projectId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(${LOCK_SPACE}, hashtext($1))`, [projectId]);
}

/**
 * The shared lock (tried, not awaited) on the standard of each project of these applications, in
 * project order, one row per project with whether it was granted: a refresh of many rows takes
 * them all in one statement, then reads the ceilings.
 */
export function standardsLockedForReading(applicationIds: readonly string[]): SqlStatement {
  return {
    sql: `SELECT p.project_id, pg_try_advisory_xact_lock_shared(${LOCK_SPACE}, hashtext(p.project_id::text)) AS locked
            FROM (SELECT DISTINCT project_id FROM reporting.applications
                   WHERE application_id = ANY($1::uuid[]) AND project_id IS NOT NULL ORDER BY project_id) p`,
    params: [applicationIds],
  };
}
