import { Injectable } from '@nestjs/common';
import {
  EventEnvelope,
  InstalmentOverdue,
  InstalmentOverdueV1,
  InstalmentPaid,
  InstalmentPaidV1,
  InstalmentV1,
  LoanRescheduled,
  LoanRescheduledV1,
  RepaymentPosted,
  RepaymentPostedV1,
  RepaymentScheduleCreated,
  RepaymentScheduleCreatedV1,
} from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { WaitingEvents } from '../shared/waiting-events';
import { waitingForLoan, waitingForSchedule } from '../shared/waiting-keys';
import { loanIsKnown, settleLoanStatus } from './loan-standing';

const CONSUMER = 'follow-schedules';
type ScheduleEvent = typeof RepaymentScheduleCreated | typeof LoanRescheduled | typeof RepaymentPosted | typeof InstalmentPaid | typeof InstalmentOverdue;
type SchedulePayload = RepaymentScheduleCreatedV1 | LoanRescheduledV1 | RepaymentPostedV1 | InstalmentPaidV1 | InstalmentOverdueV1;

/**
 * A loan's instalments: the schedule (due = principal + fee), a reschedule's new version (the
 * loan's current version moves to it; the old version's rows stay, no longer current, so the
 * sweep reads `instalments.schedule_version = loans.schedule_version`), what postings covered,
 * when each was paid in full (InstalmentPaid: loans' word, what stops its reminders) and since
 * when it is overdue.
 *
 * RepaymentPosted does not say which instalments it covered, so it is spread over the current
 * schedule as loans allocates it: each instalment in turn, oldest first, up to what it is due.
 * Filling in a fixed order depends only on the total, so the postings' order does not matter.
 */
@Injectable()
@EventConsumer({ service: 'reminders', name: CONSUMER, events: [RepaymentScheduleCreated, LoanRescheduled, RepaymentPosted, InstalmentPaid, InstalmentOverdue] })
export class FollowSchedules implements EventHandler<ScheduleEvent> {
  constructor(private readonly waiting: WaitingEvents) {
    waiting.register(CONSUMER, (event, manager) => this.handle(event as EventEnvelope<SchedulePayload>, manager));
  }

  async handle(event: EventEnvelope<SchedulePayload>, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case RepaymentScheduleCreated.type: {
        const schedule = event.payload as RepaymentScheduleCreatedV1;
        return this.schedule(manager, event, schedule.loanId, schedule.scheduleVersion, schedule.instalments);
      }
      case LoanRescheduled.type: {
        const rescheduled = event.payload as LoanRescheduledV1;
        return this.schedule(manager, event, rescheduled.loanId, rescheduled.scheduleVersion, rescheduled.instalments, rescheduled.rescheduledOn);
      }
      case RepaymentPosted.type:
        return this.posted(manager, event as EventEnvelope<RepaymentPostedV1>);
      case InstalmentPaid.type: {
        const paid = event.payload as InstalmentPaidV1;
        return this.instalment(manager, event, paid, `paid_on = LEAST(paid_on, $4::date)`, paid.paidOn);
      }
      default: {
        const overdue = event.payload as InstalmentOverdueV1;
        // Each bucket it enters is an event: the earliest is when it fell overdue.
        return this.instalment(manager, event, overdue, `overdue_since = LEAST(overdue_since, $4::date)`, overdue.asOf);
      }
    }
  }

  private async schedule(manager: EntityManager, event: EventEnvelope<SchedulePayload>, loanId: string, version: number, instalments: InstalmentV1[], rescheduledOn?: string): Promise<void> {
    if (!(await this.waiting.ready(manager, CONSUMER, waitingForLoan(loanId), event, () => loanIsKnown(manager, loanId)))) return;
    await manager.query(
      `INSERT INTO reminders.instalments (loan_id, schedule_version, seq, due_date, due_fen)
       SELECT $1, $2, i.seq, i.due_date, i.due_fen FROM unnest($3::int[], $4::date[], $5::bigint[]) AS i(seq, due_date, due_fen)
       ON CONFLICT (loan_id, schedule_version, seq) DO NOTHING`,
      [loanId, version, instalments.map((i) => i.seq), instalments.map((i) => i.dueDate), instalments.map((i) => i.principalFen + i.feeFen)],
    );
    await manager.query(
      `UPDATE reminders.loans SET schedule_version = GREATEST(schedule_version, $2), rescheduled_on = GREATEST(rescheduled_on, $3::date) WHERE loan_id = $1`,
      [loanId, version, rescheduledOn ?? null],
    );
    await settleLoanStatus(manager, loanId);
    await this.waiting.release(manager, waitingForSchedule(loanId, version));
  }

  private async posted(manager: EntityManager, event: EventEnvelope<RepaymentPostedV1>): Promise<void> {
    const { loanId, amountFen } = event.payload;
    if (!(await this.waiting.ready(manager, CONSUMER, waitingForLoan(loanId), event, () => loanIsKnown(manager, loanId)))) return;
    const [{ schedule_version: version }]: { schedule_version: number }[] = await manager.query(`SELECT schedule_version FROM reminders.loans WHERE loan_id = $1`, [loanId]);
    const scheduleKnown = async () => (await manager.query(`SELECT 1 FROM reminders.instalments WHERE loan_id = $1 AND schedule_version = $2 LIMIT 1`, [loanId, version])).length > 0;
    if (!(await this.waiting.ready(manager, CONSUMER, waitingForSchedule(loanId, version), event, scheduleKnown))) return;
    await manager.query(
      `WITH owed AS (
         SELECT seq, due_fen - paid_fen AS open_fen, SUM(due_fen - paid_fen) OVER (ORDER BY seq) - (due_fen - paid_fen) AS before_fen
           FROM reminders.instalments WHERE loan_id = $1 AND schedule_version = $2
       )
       UPDATE reminders.instalments i SET paid_fen = i.paid_fen + LEAST(o.open_fen, $3::bigint - o.before_fen)
         FROM owed o
        WHERE i.loan_id = $1 AND i.schedule_version = $2 AND i.seq = o.seq AND o.open_fen > 0 AND $3::bigint > o.before_fen`,
      [loanId, version, amountFen],
    );
  }

  /** One instalment's fact; `set` reads the date as $4. An instalment of a schedule not heard yet waits for it. */
  private async instalment(
    manager: EntityManager,
    event: EventEnvelope<SchedulePayload>,
    at: { loanId: string; scheduleVersion: number; seq: number },
    set: string,
    date: string,
  ): Promise<void> {
    const known = async () => (await manager.query(`SELECT 1 FROM reminders.instalments WHERE loan_id = $1 AND schedule_version = $2 AND seq = $3`, [at.loanId, at.scheduleVersion, at.seq])).length > 0;
    if (!(await this.waiting.ready(manager, CONSUMER, waitingForSchedule(at.loanId, at.scheduleVersion), event, known))) return;
    await manager.query(`UPDATE reminders.instalments SET ${set} WHERE loan_id = $1 AND schedule_version = $2 AND seq = $3`, [at.loanId, at.scheduleVersion, at.seq, date]);
  }
}
