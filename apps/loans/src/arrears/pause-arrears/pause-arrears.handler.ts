import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ArrearsPaused } from '@xingfu/contracts';
import { actorLabel, validationFailed } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { pauseProblems } from '../../domain/arrears-pause';
import { LoanLifecycle } from '../../shared/loan-lifecycle';
import { PauseArrearsCommand } from './pause-arrears.command';

export interface PauseView {
  pauseId: string;
  loanId: string;
  from: string;
  to: string;
  reason: string;
}

/**
 * The county's project office pauses a loan's arrears: while paused it does not age (the sweep
 * leaves paused days out of the days past due, domain/arrears) and keeps its subsidy. Pauses
 * may overlap; a day paused twice counts once.
 */
@CommandHandler(PauseArrearsCommand)
export class PauseArrearsHandler implements ICommandHandler<PauseArrearsCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: LoanLifecycle,
  ) {}

  execute({ fields: { loanId, from, to, reason }, context }: PauseArrearsCommand): Promise<PauseView> {
    return this.uow.run(context, async (work) => {
      const loan = await this.lifecycle.loadForChange(work, loanId);
      this.lifecycle.next(loan, 'arrears-pause');
      const problems = pauseProblems(from, to, loan.disbursed_on);
      if (problems) throw validationFailed(problems);
      const pauseId = randomUUID();
      const why = reason.trim();
      await work.manager.query(`INSERT INTO loans.arrears_pauses (id, loan_id, from_date, to_date, reason, created_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
        pauseId,
        loan.id,
        from,
        to,
        why,
        actorLabel(context.actor),
      ]);
      // The sweep stored when each unpaid instalment enters its next bucket without this pause: let it look again and count it.
      await work.manager.query(`UPDATE loans.instalments SET ages_on = NULL WHERE loan_id = $1 AND paid_on IS NULL AND NOT superseded AND ages_on IS NOT NULL`, [loan.id]);
      await this.lifecycle.move(work, loan, 'arrears-pause', {}, { pauseId, from, to, reason: why });
      await work.outbox.append(ArrearsPaused, loan.id, { pauseId, loanId: loan.id, applicationId: loan.application_id, projectId: loan.project_id, from, to, reason: why });
      return { pauseId, loanId: loan.id, from, to, reason: why };
    });
  }
}
