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
import { spreadRepayments } from './repayment-spread';

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
 * RepaymentPosted does not say which instalments it covered: it is kept, and what the postings
 * covered is spread again over the schedules from the stored sets (repayment-spread), so the
 * order postings and reschedules are heard in does not matter.
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
    await manager.query(`INSERT INTO reminders.schedule_versions (loan_id, schedule_version, starts_on) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [loanId, version, rescheduledOn ?? null]);
    await spreadRepayments(manager, loanId);
    await manager.query(
      `UPDATE reminders.loans SET schedule_version = GREATEST(schedule_version, $2), rescheduled_on = GREATEST(rescheduled_on, $3::date) WHERE loan_id = $1`,
      [loanId, version, rescheduledOn ?? null],
    );
    await settleLoanStatus(manager, loanId);
    await this.waiting.release(manager, waitingForSchedule(loanId, version));
  }

  /** A posting needs no loan or schedule to be kept: it counts once the schedule current on its date is known. */
  private async posted(manager: EntityManager, event: EventEnvelope<RepaymentPostedV1>): Promise<void> {
    const { repaymentId, loanId, postedOn, amountFen } = event.payload;
    await manager.query(`INSERT INTO reminders.repayments (repayment_id, loan_id, posted_on, amount_fen) VALUES ($1, $2, $3, $4) ON CONFLICT (repayment_id) DO NOTHING`, [
      repaymentId,
      loanId,
      postedOn,
      amountFen,
    ]);
    await spreadRepayments(manager, loanId);
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
