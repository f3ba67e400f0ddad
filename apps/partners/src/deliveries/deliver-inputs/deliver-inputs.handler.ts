import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { InputsDelivered } from '@xingfu/contracts';
import { addDays, collectProblems, hasProblems, validationFailed } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { BUYBACK_GRACE_DAYS } from '../../domain/enrolment-status';
import { EnrolmentLifecycle } from '../../shared/enrolment-lifecycle';
import { EnrolmentView } from '../../shared/enrolment-view';
import { enrolmentFields } from '../../enrolment/enrolment-event';
import { DeliverInputsCommand } from './deliver-inputs.command';

@CommandHandler(DeliverInputsCommand)
export class DeliverInputsHandler implements ICommandHandler<DeliverInputsCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: EnrolmentLifecycle,
    private readonly view: EnrolmentView,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { enrolmentId, ...input }, context }: DeliverInputsCommand) {
    return this.uow.run(context, async (work) => {
      const { manager } = work;
      const enrolment = await this.lifecycle.loadForChange(work, enrolmentId);
      this.lifecycle.next(enrolment, 'deliver');
      const { problems, add } = collectProblems();
      if (input.deliveredOn > this.clock.today()) add('deliveredOn', 'deliveredOn must not be in the future');
      if (enrolment.accepted_on && input.deliveredOn < enrolment.accepted_on) add('deliveredOn', `deliveredOn must not be before the partner accepted her (${enrolment.accepted_on})`);
      if (hasProblems(problems)) throw validationFailed(problems);

      const id = randomUUID();
      const valueFen = input.quantity * input.unitCostFen;
      await manager.query(`INSERT INTO partners.deliveries (id, enrolment_id, items, quantity, unit_cost_fen, value_fen, delivered_on) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        id,
        enrolment.id,
        input.items.trim(),
        input.quantity,
        input.unitCostFen,
        valueFen,
        input.deliveredOn,
      ]);
      // The grow-out runs from the first delivery: the expected buyback date is fixed then (an earlier-dated later record moves it back).
      if (!enrolment.first_delivered_on || input.deliveredOn < enrolment.first_delivered_on) {
        const { grow_out_days } = await this.lifecycle.programmeOf(manager, enrolment);
        const expected = addDays(input.deliveredOn, grow_out_days);
        await this.lifecycle.update(manager, enrolment, { first_delivered_on: input.deliveredOn, expected_buyback_date: expected, overdue_from: addDays(expected, BUYBACK_GRACE_DAYS) });
      }
      await work.outbox.append(InputsDelivered, enrolment.id, {
        ...enrolmentFields(enrolment),
        deliveryId: id,
        items: input.items.trim(),
        quantity: input.quantity,
        unitCostFen: input.unitCostFen,
        valueFen,
        deliveredOn: input.deliveredOn,
        expectedBuybackDate: enrolment.expected_buyback_date!,
      });
      return this.view.present(manager, enrolment);
    });
  }
}
