import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { queryPipelined } from '@xingfu/database';
import { UnitOfWork } from '@xingfu/kit';
import { InstalmentRow, LoanRow } from '../../shared/loan.rows';
import { LoanLifecycle } from '../../shared/loan-lifecycle';
import { PostedRepayment, RepaymentPosting } from '../../shared/repayment-posting';
import { ScheduleStore } from '../../shared/schedule-store';
import { PostRepaymentCommand } from './post-repayment.command';

/** A repayment a user reports: the loan locked in her scope, then the one posting path. The kit stores the answer with it. */
@CommandHandler(PostRepaymentCommand)
export class PostRepaymentHandler implements ICommandHandler<PostRepaymentCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: LoanLifecycle,
    private readonly posting: RepaymentPosting,
    private readonly schedule: ScheduleStore,
  ) {}

  execute({ fields: { loanId, amountFen, paidOn, source, guarantorRole, reference }, context }: PostRepaymentCommand): Promise<PostedRepayment> {
    return this.uow.run(context, async (work) => {
      // The lock and the unpaid instalments in one round trip: the read runs once the lock is
      // granted, with its own snapshot, so it sees what the lock's last holder committed.
      const [locked, unpaid] = await queryPipelined(work.manager, [this.lifecycle.lockForChange(loanId), this.schedule.unpaidStatement(loanId)]);
      const loan = this.lifecycle.visibleForChange(work, locked[0] as unknown as LoanRow | undefined, loanId);
      return this.posting.post(work, loan, { amountFen, paidOn, source, guarantorRole, reference }, unpaid as unknown as InstalmentRow[]);
    });
  }
}
