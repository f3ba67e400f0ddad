import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { BuybackDisputeSettled } from '@xingfu/contracts';
import { hasProblems, validationFailed } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { buybackProblems } from '../../domain/buyback-arithmetic';
import { enrolmentFields } from '../../enrolment/enrolment-event';
import { EnrolmentLifecycle } from '../../shared/enrolment-lifecycle';
import { EnrolmentView, figuresOf } from '../../shared/enrolment-view';
import { BuybackRow } from '../../shared/partner.rows';
import { appendBuybackConfirmed } from '../buyback-confirmed';
import { BuybackLimitsReader } from '../buyback-limits';
import { SettleDisputeCommand } from './settle-dispute.command';

@CommandHandler(SettleDisputeCommand)
export class SettleDisputeHandler implements ICommandHandler<SettleDisputeCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: EnrolmentLifecycle,
    private readonly limits: BuybackLimitsReader,
    private readonly view: EnrolmentView,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { buybackId, outcome, reason, figures }, context }: SettleDisputeCommand) {
    return this.uow.run(context, async (work) => {
      const { manager } = work;
      const { enrolment, buyback } = await this.lifecycle.loadBuybackForChange(work, buybackId);
      const status = this.lifecycle.nextBuyback(buyback, 'settle', outcome);
      if (outcome === 'corrected' && !figures) throw validationFailed({ figures: ['a corrected settlement gives the corrected figures'] });
      if (outcome !== 'corrected' && figures) throw validationFailed({ figures: [`an ${outcome} settlement takes no figures`] });
      const settledOn = this.clock.today();
      const changes: Partial<BuybackRow> = { status, settled_on: settledOn, settlement_outcome: outcome, settlement_reason: reason.trim() };
      if (figures) {
        const programme = await this.lifecycle.programmeOf(manager, enrolment);
        const problems = buybackProblems({ ...figures }, await this.limits.limitsFor(manager, enrolment, programme, buyback.id));
        if (hasProblems(problems)) throw validationFailed(problems);
        Object.assign(changes, {
          head_count: figures.headCount,
          total_weight_grams: figures.totalWeightGrams,
          price_per_kg_fen: figures.pricePerKgFen,
          market_reference_per_kg_fen: figures.marketReferencePerKgFen,
          gross_fen: String(figures.grossFen),
          stock_cost_deduction_fen: String(figures.stockCostDeductionFen),
          loan_withheld_fen: String(figures.loanWithheldFen),
          net_paid_fen: String(figures.netPaidFen),
        });
      }
      if (status === 'confirmed') Object.assign(changes, { confirmed_on: settledOn });
      await this.lifecycle.updateBuyback(manager, buyback, changes);
      await work.outbox.append(BuybackDisputeSettled, enrolment.id, { ...enrolmentFields(enrolment), buybackId, outcome, reason: reason.trim(), settledOn, figures: figuresOf(buyback) });
      if (status === 'confirmed') await appendBuybackConfirmed(work, enrolment, buyback, settledOn);
      return this.view.present(manager, enrolment);
    });
  }
}
