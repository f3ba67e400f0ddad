import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { BuybackRecorded } from '@xingfu/contracts';
import { hasProblems, validationFailed } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { BuybackFigures, buybackProblems } from '../../domain/buyback-arithmetic';
import { enrolmentFields } from '../../enrolment/enrolment-event';
import { EnrolmentLifecycle } from '../../shared/enrolment-lifecycle';
import { EnrolmentView } from '../../shared/enrolment-view';
import { BuybackLimitsReader } from '../buyback-limits';
import { RecordBuybackCommand } from './record-buyback.command';

@CommandHandler(RecordBuybackCommand)
export class RecordBuybackHandler implements ICommandHandler<RecordBuybackCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: EnrolmentLifecycle,
    private readonly limits: BuybackLimitsReader,
    private readonly view: EnrolmentView,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { enrolmentId, boughtOn, ...input }, context }: RecordBuybackCommand) {
    return this.uow.run(context, async (work) => {
      const { manager } = work;
      const enrolment = await this.lifecycle.loadForChange(work, enrolmentId);
      const status = this.lifecycle.next(enrolment, 'record-buyback');
      const figures: BuybackFigures = { ...input };
      const programme = await this.lifecycle.programmeOf(manager, enrolment);
      const problems = buybackProblems(figures, await this.limits.limitsFor(manager, enrolment, programme));
      const add = (field: string, message: string) => (problems[field] ??= []).push(message);
      if (boughtOn > this.clock.today()) add('boughtOn', 'boughtOn must not be in the future');
      if (!enrolment.first_delivered_on) add('boughtOn', 'nothing was delivered to her yet');
      else if (boughtOn < enrolment.first_delivered_on) add('boughtOn', `boughtOn must not be before the first delivery (${enrolment.first_delivered_on})`);
      if (hasProblems(problems)) throw validationFailed(problems);

      const id = randomUUID();
      await manager.query(
        `INSERT INTO partners.buybacks (id, enrolment_id, status, bought_on, head_count, total_weight_grams, price_per_kg_fen, market_reference_per_kg_fen,
                                        gross_fen, stock_cost_deduction_fen, loan_withheld_fen, net_paid_fen, recorded_figures)
         VALUES ($1, $2, 'recorded', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [id, enrolment.id, boughtOn, figures.headCount, figures.totalWeightGrams, figures.pricePerKgFen, figures.marketReferencePerKgFen, figures.grossFen, figures.stockCostDeductionFen,
          figures.loanWithheldFen, figures.netPaidFen, JSON.stringify(figures)],
      );
      await this.lifecycle.update(manager, enrolment, { status });
      await work.outbox.append(BuybackRecorded, enrolment.id, { ...enrolmentFields(enrolment), buybackId: id, boughtOn, figures });
      return this.view.present(manager, enrolment);
    });
  }
}
