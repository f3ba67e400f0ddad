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

export async function lockStandardForReading(manager: EntityManager, projectId: string): Promise<void> {
  const [{ locked }]: { locked: boolean }[] = await manager.query(`SELECT pg_try_advisory_xact_lock_shared(${LOCK_SPACE}, hashtext($1)) AS locked`, [projectId]);
  if (!locked) throw new Error(`project ${projectId}'s aid standard is being changed by another transaction; this one is retried after it`);
}
