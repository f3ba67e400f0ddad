import { EntityManager } from 'typeorm';

/**
 * A loan's status in the read model, from what is stored rather than from the last event heard,
 * so the events' order does not matter: repaid and written off are final; otherwise it is
 * defaulted when its latest default is later than its latest reschedule (a reschedule makes a
 * defaulted loan active again, and a reschedule on the day of a default follows it), else active.
 */
export function settleLoanStatus(manager: EntityManager, loanId: string): Promise<unknown> {
  return manager.query(
    `UPDATE reminders.loans SET status = CASE
       WHEN status IN ('repaid', 'written_off') THEN status
       WHEN defaulted_on IS NOT NULL AND (rescheduled_on IS NULL OR defaulted_on > rescheduled_on) THEN 'defaulted'
       ELSE 'active' END
     WHERE loan_id = $1`,
    [loanId],
  );
}

export async function loanIsKnown(manager: EntityManager, loanId: string): Promise<boolean> {
  return (await manager.query(`SELECT 1 FROM reminders.loans WHERE loan_id = $1`, [loanId])).length > 0;
}
