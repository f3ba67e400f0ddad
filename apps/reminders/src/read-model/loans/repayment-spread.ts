import { EntityManager } from 'typeorm';

/**
 * What a loan's postings covered, instalment by instalment (`instalments.paid_fen`), as loans
 * allocates a posting: over the schedule current on its date, each instalment in turn, oldest
 * first, up to what it is due (fee and principal). A schedule version is current from its
 * reschedule date (the first from the start) until the next version's; a posting on a reschedule
 * day counts for the new schedule, which was made for what was outstanding that day.
 *
 * Computed again from the stored postings and versions each time either changes: filling in a
 * fixed order depends only on the sum, so a posting or a reschedule heard late, twice or before
 * the other gives the same figures. Loans' word on an instalment being paid is InstalmentPaid
 * (paid_on); this is what is still open on one that is not.
 */
export function spreadRepayments(manager: EntityManager, loanId: string): Promise<unknown> {
  return manager.query(
    `WITH versions AS (
       SELECT schedule_version, starts_on, LEAD(starts_on) OVER (ORDER BY schedule_version) AS ends_on
         FROM reminders.schedule_versions WHERE loan_id = $1
     ), paid AS (
       SELECT v.schedule_version, COALESCE(SUM(r.amount_fen), 0) AS total_fen
         FROM versions v
         LEFT JOIN reminders.repayments r ON r.loan_id = $1
          AND (v.starts_on IS NULL OR r.posted_on >= v.starts_on)
          AND (v.ends_on IS NULL OR r.posted_on < v.ends_on)
        GROUP BY v.schedule_version
     ), owed AS (
       SELECT schedule_version, seq, due_fen, SUM(due_fen) OVER (PARTITION BY schedule_version ORDER BY seq) - due_fen AS before_fen
         FROM reminders.instalments WHERE loan_id = $1
     )
     UPDATE reminders.instalments i SET paid_fen = LEAST(o.due_fen, GREATEST(0, p.total_fen - o.before_fen))
       FROM owed o JOIN paid p USING (schedule_version)
      WHERE i.loan_id = $1 AND i.schedule_version = o.schedule_version AND i.seq = o.seq
        AND i.paid_fen IS DISTINCT FROM LEAST(o.due_fen, GREATEST(0, p.total_fen - o.before_fen))`,
    [loanId],
  );
}
