import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { LoanWrittenOff } from '@xingfu/contracts';
import { actorLabel, DomainError } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { demandsAge, demandsTooRecent, GUARANTOR_DEMAND_DAYS } from '../../domain/arrears-write-off';
import { ledgerEntries } from '../../domain/ledger';
import { FundLedger } from '../../shared/fund-ledger';
import { LoanLifecycle } from '../../shared/loan-lifecycle';
import { WriteOffCommand } from './write-off.command';

export interface WriteOffView {
  loanId: string;
  status: string;
  writtenOffOn: string;
  writtenOffFen: number;
  reason: string;
  overrideReason: string | null;
}

/**
 * The foundation writes a defaulted loan off: its outstanding principal leaves loans receivable
 * for the fund's written-off loss in one entry (the fund identity holds: outstanding falls by
 * what written off gains). Unpaid fees are the project office's, not the fund's: not booked.
 * The schedule stays as it was; the sweep never reads a written-off loan (not in its index).
 */
@CommandHandler(WriteOffCommand)
export class WriteOffHandler implements ICommandHandler<WriteOffCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: LoanLifecycle,
    private readonly ledger: FundLedger,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { loanId, reason, overrideReason }, context }: WriteOffCommand): Promise<WriteOffView> {
    return this.uow.run(context, async (work) => {
      const loan = await this.lifecycle.loadForChange(work, loanId);
      this.lifecycle.next(loan, 'write-off');
      const today = this.clock.today();
      const override = overrideReason?.trim() || null;
      const age = demandsAge(loan.guarantee_invoked_on, loan.defaulted_on, today);
      if (demandsTooRecent(age) && !override) {
        throw new DomainError(
          'conflict',
          'guarantor_demands_too_recent',
          `The guarantors’ demands of ${age!.demandedOn} are ${age!.ageDays} day(s) old; a write-off waits ${GUARANTOR_DEMAND_DAYS} days (from ${age!.writeOffFrom}) unless an overrideReason is given.`,
          { loanId: loan.id, demandedOn: age!.demandedOn, demandsAgeDays: age!.ageDays, writeOffFrom: age!.writeOffFrom },
        );
      }
      const lossFen = loan.principal_outstanding_fen;
      if (lossFen < 1) throw new DomainError('conflict', 'nothing_to_write_off', `loan ${loan.id} has no principal outstanding`, { loanId: loan.id });
      await this.ledger.post(work.manager, {
        projectId: loan.project_id,
        kind: 'write_off',
        entryDate: today,
        lines: ledgerEntries.writeOff(lossFen),
        createdBy: actorLabel(context.actor),
        round: loan.round,
        loanId: loan.id,
        sourceId: loan.id,
        memo: reason.trim(),
      });
      await this.lifecycle.move(
        work,
        loan,
        'write-off',
        {
          written_off_fen: loan.written_off_fen + lossFen,
          principal_outstanding_fen: 0,
          written_off_on: today,
          write_off_reason: reason.trim(),
          write_off_override_reason: override,
          next_due_date: null,
        },
        { lossFen, reason: reason.trim(), ...(override ? { overrideReason: override, demandsAgeDays: age?.ageDays } : {}) },
      );
      await work.outbox.append(LoanWrittenOff, loan.id, {
        loanId: loan.id,
        applicationId: loan.application_id,
        projectId: loan.project_id,
        writtenOffOn: today,
        lossFen,
        ...(override ? { reason: override } : {}),
      });
      return { loanId: loan.id, status: loan.status, writtenOffOn: today, writtenOffFen: loan.written_off_fen, reason: reason.trim(), overrideReason: override };
    });
  }
}
