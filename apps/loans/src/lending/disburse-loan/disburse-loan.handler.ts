import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, PiiCipher } from '@xingfu/common';
import { LoanDisbursed, RepaymentScheduleCreated } from '@xingfu/contracts';
import { actorLabel, ChargeKind, collectProblems, DisbursementMode, DomainError, hasProblems, ProjectModel, validationFailed } from '@xingfu/kernel';
import { UnitOfWork, Work } from '@xingfu/kit';
import { maskCard, normaliseCardNumber } from '../../domain/card-number';
import { ledgerEntries } from '../../domain/ledger';
import { buildSchedule, maturityDate, payableRateBasisPoints, ScheduledInstalment } from '../../domain/schedule';
import { FundLedger } from '../../shared/fund-ledger';
import { LoanRow } from '../../shared/loan.rows';
import { LoanLifecycle } from '../../shared/loan-lifecycle';
import { LoanView } from '../../shared/loan-view';
import { ScheduleStore } from '../../shared/schedule-store';
import { DisburseLoanCommand } from './disburse-loan.command';
import { disbursementProblems } from './disbursement-parts';

/**
 * Pays a signed loan out: checks the parts, writes the schedule and the loan's balances, books
 * the disbursement, and takes the fund's lock last, so a refused disbursement never held it and
 * an accepted one holds it only for the balance check and the ledger entry. Concurrent
 * disbursements of one fund take turns on that lock; none can spend what another spent.
 */
@CommandHandler(DisburseLoanCommand)
export class DisburseLoanHandler implements ICommandHandler<DisburseLoanCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: LoanLifecycle,
    private readonly schedules: ScheduleStore,
    private readonly fund: FundLedger,
    private readonly pii: PiiCipher,
    private readonly view: LoanView,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { loanId, ...input }, context }: DisburseLoanCommand) {
    return this.uow.run(context, async (work) => {
      const loan = await this.lifecycle.loadForChange(work, loanId);
      this.lifecycle.next(loan, 'disbursement');
      const by = actorLabel(context.actor);
      // Four eyes: whoever signed the agreement does not also pay the money out.
      if (loan.agreement_signed_by === by) {
        throw new DomainError('forbidden', 'disburser_signed_agreement', 'the user who recorded the loan agreement may not also disburse the loan; another project manager must', { loanId });
      }
      const { problems, add } = collectProblems();
      if (input.date > this.clock.today()) add('date', 'date must not be in the future');
      if (loan.agreement_signed_on && input.date < loan.agreement_signed_on) add('date', `date must not be before the agreement was signed (${loan.agreement_signed_on})`);
      disbursementProblems(
        { amountFen: loan.amount_fen, disbursementMode: loan.disbursement_mode as DisbursementMode, partnerId: loan.partner_id, motherNameMasked: loan.mother_name_masked, motherNameHash: loan.mother_name_hash },
        input,
        add,
        (key) => this.pii.lookupHash(key),
      );
      if (hasProblems(problems)) throw validationFailed(problems);

      const instalments = buildSchedule({
        principalFen: loan.amount_fen,
        startDate: input.date,
        termMonths: loan.term_months,
        plan: loan.repayment_plan,
        chargeKind: loan.charge_kind as ChargeKind,
        rateBasisPoints: payableRateBasisPoints(loan.charge_kind as ChargeKind, loan.rate_basis_points, loan.subsidy_basis_points),
      });
      await this.schedules.insert(work.manager, loan.id, 1, instalments);
      const card = input.cash ? normaliseCardNumber(input.cash.cardNumber) : null;
      await this.lifecycle.move(
        work,
        loan,
        'disbursement',
        {
          disbursed_on: input.date,
          disbursed_by: by,
          round: input.round,
          cash_fen: input.cash?.amountFen ?? 0,
          in_kind_fen: input.inKind?.valueFen ?? 0,
          in_kind: input.inKind ? { partnerId: input.inKind.partnerId, items: input.inKind.items } : null,
          card_number_sealed: card && this.pii.encrypt(card),
          card_number_masked: card && maskCard(card),
          maturity_date: maturityDate(instalments),
          schedule_version: 1,
          principal_outstanding_fen: loan.amount_fen,
        },
        { date: input.date, round: input.round, cashFen: input.cash?.amountFen ?? 0, inKindFen: input.inKind?.valueFen ?? 0 },
      );
      await this.schedules.refreshNextDueDate(work.manager, loan);
      await this.drawOnFund(work, loan, input.date, input.round, by);
      await this.emit(work, loan, instalments);
      return this.view.present(work.manager, loan.id);
    });
  }

  /** Last in the transaction: the fund's lock, its balance, then the entry (or 409 naming the shortfall). */
  private async drawOnFund(work: Work, loan: LoanRow, date: string, round: number, by: string): Promise<void> {
    await this.fund.lockFund(work.manager, loan.project_id);
    const availableFen = await this.fund.availableFen(work.manager, loan.project_id);
    if (availableFen < loan.amount_fen) {
      const shortfallFen = loan.amount_fen - availableFen;
      throw new DomainError('conflict', 'fund_insufficient', `the fund has ${availableFen} fen available, ${shortfallFen} fen short of the ${loan.amount_fen} fen this loan needs`, {
        projectId: loan.project_id,
        availableFen,
        requiredFen: loan.amount_fen,
        shortfallFen,
      });
    }
    await this.fund.post(work.manager, { projectId: loan.project_id, kind: 'disbursement', entryDate: date, lines: ledgerEntries.disbursement(loan.amount_fen), createdBy: by, round, loanId: loan.id, sourceId: loan.id });
  }

  private async emit(work: Work, loan: LoanRow, instalments: ScheduledInstalment[]): Promise<void> {
    await work.outbox.append(LoanDisbursed, loan.id, {
      loanId: loan.id,
      applicationId: loan.application_id,
      projectId: loan.project_id,
      countyCode: loan.county_code,
      townshipCode: loan.township_code,
      villageCode: loan.village_code,
      industry: loan.industry,
      model: loan.model as ProjectModel,
      ...(loan.partner_id ? { partnerId: loan.partner_id } : {}),
      round: loan.round!,
      disbursedOn: loan.disbursed_on!,
      disbursementMode: loan.disbursement_mode as DisbursementMode,
      principalFen: loan.amount_fen,
      cashFen: loan.cash_fen ?? 0,
      inKindFen: loan.in_kind_fen ?? 0,
      termMonths: loan.term_months,
      maturityDate: loan.maturity_date!,
    });
    await work.outbox.append(RepaymentScheduleCreated, loan.id, {
      loanId: loan.id,
      applicationId: loan.application_id,
      projectId: loan.project_id,
      townshipCode: loan.township_code,
      scheduleVersion: 1,
      instalments,
    });
  }
}
