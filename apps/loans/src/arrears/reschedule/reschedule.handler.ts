import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { LoanRescheduled } from '@xingfu/contracts';
import { DomainError } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { reschedule } from '../../domain/arrears-reschedule';
import { maturityDate, ScheduledInstalment } from '../../domain/schedule';
import { LoanLifecycle } from '../../shared/loan-lifecycle';
import { ScheduleStore } from '../../shared/schedule-store';
import { RescheduleCommand } from './reschedule.command';

export interface RescheduleView {
  loanId: string;
  status: string;
  scheduleVersion: number;
  rescheduledOn: string;
  carriedFeeFen: number;
  instalments: ScheduledInstalment[];
}

/**
 * The project office replaces the unpaid schedule (domain/arrears-reschedule says what is
 * carried over). The old instalments stay, superseded, as history; the new version starts
 * current: the loan's days past due and bucket are reset, and a defaulted loan is active again
 * (the state machine's reschedule step): the mother repays on the agreed new terms, and if she
 * falls behind again it ages and defaults again. Its guarantee stays as guarantees has it.
 */
@CommandHandler(RescheduleCommand)
export class RescheduleHandler implements ICommandHandler<RescheduleCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: LoanLifecycle,
    private readonly schedules: ScheduleStore,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { loanId, instalments, reason }, context }: RescheduleCommand): Promise<RescheduleView> {
    return this.uow.run(context, async (work) => {
      const { manager } = work;
      const loan = await this.lifecycle.loadForChange(work, loanId);
      this.lifecycle.next(loan, 'reschedule');
      if (loan.principal_outstanding_fen < 1) throw new DomainError('conflict', 'nothing_to_reschedule', `loan ${loan.id} has no principal outstanding`, { loanId: loan.id });
      const today = this.clock.today();
      const replaced = await this.schedules.unpaid(manager, loan.id);
      const { instalments: schedule, carriedFeeFen } = reschedule(
        {
          principalOutstandingFen: loan.principal_outstanding_fen,
          chargeKind: loan.charge_kind,
          rateBasisPoints: loan.rate_basis_points,
          subsidyBasisPoints: loan.subsidy_basis_points,
          disbursedOn: loan.disbursed_on ?? today,
        },
        replaced.map((i) => ({ dueDate: i.due_date, feeFen: i.fee_fen, subsidyLostFen: i.subsidy_lost_fen, feePaidFen: i.fee_paid_fen })),
        instalments,
        today,
      );
      const fromVersion = loan.schedule_version;
      const version = fromVersion + 1;
      await this.schedules.supersedeUnpaid(manager, loan.id);
      await this.schedules.insert(manager, loan.id, version, schedule);
      const why = reason.trim();
      await this.lifecycle.move(
        work,
        loan,
        'reschedule',
        { schedule_version: version, days_past_due: 0, bucket: 'current', maturity_date: maturityDate(schedule) },
        { fromVersion, toVersion: version, reason: why, supersededSeqs: replaced.map((i) => `${i.schedule_version}/${i.seq}`), carriedFeeFen },
      );
      await this.schedules.refreshNextDueDate(manager, loan);
      await work.outbox.append(LoanRescheduled, loan.id, {
        loanId: loan.id,
        applicationId: loan.application_id,
        projectId: loan.project_id,
        rescheduledOn: today,
        scheduleVersion: version,
        reason: why,
        instalments: schedule,
      });
      return { loanId: loan.id, status: loan.status, scheduleVersion: version, rescheduledOn: today, carriedFeeFen, instalments: schedule };
    });
  }
}
