import { EntityManager } from 'typeorm';

/**
 * The one rule of when an officer's next follow-up visit is due: the latest of the loan's
 * disbursement and the visits recorded, plus the project's interval (project_settings, 90 days
 * until the project office changes it). Kept as SQL over the stored dates, so the visits'
 * order does not matter and a changed interval moves every open due date of the project.
 */
export const DEFAULT_FOLLOW_UP_INTERVAL_DAYS = 90;

export async function followUpIntervalDays(manager: EntityManager, projectId: string): Promise<number> {
  const [row]: { days: number }[] = await manager.query(`SELECT follow_up_interval_days AS days FROM reminders.project_settings WHERE project_id = $1`, [projectId]);
  return row?.days ?? DEFAULT_FOLLOW_UP_INTERVAL_DAYS;
}

/** A visit (or the disbursement, which starts the count) on `on`. */
export async function recordVisit(manager: EntityManager, visit: { applicationId: string; projectId: string; townshipCode: string; on: string }): Promise<void> {
  const interval = await followUpIntervalDays(manager, visit.projectId);
  await manager.query(
    `INSERT INTO reminders.follow_ups AS f (application_id, project_id, township_code, last_visit_on, next_due_on) VALUES ($1, $2, $3, $4::date, $4::date + $5::int)
     ON CONFLICT (application_id) DO UPDATE SET last_visit_on = GREATEST(f.last_visit_on, EXCLUDED.last_visit_on), next_due_on = GREATEST(f.last_visit_on, EXCLUDED.last_visit_on) + $5::int`,
    [visit.applicationId, visit.projectId, visit.townshipCode, visit.on, interval],
  );
}

/** The project's interval changed: every follow-up of it is due that far after its last visit. */
export function respaceFollowUps(manager: EntityManager, projectId: string, intervalDays: number): Promise<unknown> {
  return manager.query(`UPDATE reminders.follow_ups SET next_due_on = last_visit_on + $2::int WHERE project_id = $1`, [projectId, intervalDays]);
}
