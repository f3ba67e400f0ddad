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
  RepaymentScheduleCreated,
  RepaymentScheduleCreatedV1,
} from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { CellChangeSet } from '../cells/cell-change-set';
import { LoanFactsStore } from './loan-facts.store';

type ScheduleEvent = typeof RepaymentScheduleCreated | typeof LoanRescheduled | typeof InstalmentOverdue | typeof InstalmentPaid;
type SchedulePayload = RepaymentScheduleCreatedV1 | LoanRescheduledV1 | InstalmentOverdueV1 | InstalmentPaidV1;

/**
 * A loan's schedules (every version, keyed by version and seq) and what loans' daily sweep says
 * of each instalment: the bucket it entered as of the latest date (a worse bucket on the same
 * date), and paid in full. An instalment row may come from an ageing event before its schedule.
 */
@Injectable()
@EventConsumer({ service: 'reporting', name: 'read-model-schedules', events: [RepaymentScheduleCreated, LoanRescheduled, InstalmentOverdue, InstalmentPaid] })
export class LoanSchedulesConsumer implements EventHandler<ScheduleEvent> {
  constructor(private readonly loans: LoanFactsStore) {}

  handle(event: EventEnvelope<SchedulePayload>, manager: EntityManager): Promise<void> {
    return this.handleBatch([event], manager);
  }

  /** Each event's instalments written in turn, then each loan refreshed once and the cells changed once. */
  async handleBatch(events: EventEnvelope<SchedulePayload>[], manager: EntityManager): Promise<void> {
    const loanIds = [...new Set(events.map((e) => e.payload.loanId))].sort();
    for (const id of loanIds) await this.loans.lock(manager, id);
    for (const event of events) await this.record(event, manager);
    const changes = new CellChangeSet();
    for (const id of loanIds) await this.loans.refresh(manager, id, changes);
    await changes.apply(manager);
  }

  private async record(event: EventEnvelope<SchedulePayload>, manager: EntityManager): Promise<void> {
    const { loanId, scheduleVersion } = event.payload;
    await this.loans.seeVersion(manager, loanId, scheduleVersion);
    switch (event.type) {
      case RepaymentScheduleCreated.type:
      case LoanRescheduled.type:
        await this.schedule(manager, loanId, scheduleVersion, (event.payload as RepaymentScheduleCreatedV1 | LoanRescheduledV1).instalments);
        break;
      case InstalmentOverdue.type: {
        const p = event.payload as InstalmentOverdueV1;
        await manager.query(
          `INSERT INTO reporting.instalments AS i (loan_id, schedule_version, seq, due_date, overdue_bucket, overdue_as_of, days_past_due)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (loan_id, schedule_version, seq) DO UPDATE SET
             overdue_bucket = EXCLUDED.overdue_bucket, overdue_as_of = EXCLUDED.overdue_as_of, days_past_due = EXCLUDED.days_past_due,
             due_date = COALESCE(i.due_date, EXCLUDED.due_date)
           WHERE i.overdue_as_of IS NULL OR (i.overdue_as_of, i.days_past_due) <= (EXCLUDED.overdue_as_of, EXCLUDED.days_past_due)`,
          [loanId, scheduleVersion, p.seq, p.dueDate, p.bucket, p.asOf, p.daysPastDue],
        );
        break;
      }
      case InstalmentPaid.type: {
        const p = event.payload as InstalmentPaidV1;
        await manager.query(
          `INSERT INTO reporting.instalments AS i (loan_id, schedule_version, seq, due_date, paid_on) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (loan_id, schedule_version, seq) DO UPDATE SET paid_on = EXCLUDED.paid_on, due_date = COALESCE(i.due_date, EXCLUDED.due_date)`,
          [loanId, scheduleVersion, p.seq, p.dueDate, p.paidOn],
        );
        break;
      }
    }
  }

  private async schedule(manager: EntityManager, loanId: string, version: number, instalments: InstalmentV1[]): Promise<void> {
    if (!instalments.length) return;
    await manager.query(
      `INSERT INTO reporting.instalments AS i (loan_id, schedule_version, seq, due_date, principal_fen, fee_fen)
       SELECT $1, $2, * FROM unnest($3::int[], $4::date[], $5::bigint[], $6::bigint[])
       ON CONFLICT (loan_id, schedule_version, seq) DO UPDATE SET due_date = EXCLUDED.due_date, principal_fen = EXCLUDED.principal_fen, fee_fen = EXCLUDED.fee_fen`,
      [loanId, version, instalments.map((i) => i.seq), instalments.map((i) => i.dueDate), instalments.map((i) => i.principalFen), instalments.map((i) => i.feeFen)],
    );
  }
}
