import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@xingfu/kit';
import { LoanLifecycle } from '../../shared/loan-lifecycle';
import { PostedRepayment, RepaymentPosting } from '../../shared/repayment-posting';
import { PostRepaymentCommand } from './post-repayment.command';

/** A repayment a user reports: the loan locked in her scope, then the one posting path. The kit stores the answer with it. */
@CommandHandler(PostRepaymentCommand)
export class PostRepaymentHandler implements ICommandHandler<PostRepaymentCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: LoanLifecycle,
    private readonly posting: RepaymentPosting,
  ) {}

  execute({ fields: { loanId, amountFen, paidOn, source, guarantorRole, reference }, context }: PostRepaymentCommand): Promise<PostedRepayment> {
    return this.uow.run(context, async (work) => {
      const loan = await this.lifecycle.loadForChange(work, loanId);
      return this.posting.post(work, loan, { amountFen, paidOn, source, guarantorRole, reference });
    });
  }
}
