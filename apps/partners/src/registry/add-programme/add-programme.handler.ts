import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { DomainError, validationFailed } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { PartnerRow, ProgrammeRow } from '../../shared/partner.rows';
import { presentPartner } from '../partner-view';
import { AddProgrammeCommand } from './add-programme.command';

@CommandHandler(AddProgrammeCommand)
export class AddProgrammeHandler implements ICommandHandler<AddProgrammeCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { partnerId, ...input }, context }: AddProgrammeCommand) {
    return this.uow.run(context, async ({ manager }) => {
      // The fund's in-kind part is repaid through the loan; deducting it at buyback as well would charge her twice.
      if (input.costBorneBy === 'fund' && input.deductionRule !== 'none') throw validationFailed({ deductionRule: ['when the fund bears the cost, the buyback deducts nothing (deductionRule none)'] });
      const [partner]: PartnerRow[] = await manager.query(`SELECT * FROM partners.partners WHERE id = $1 FOR UPDATE`, [partnerId]);
      const inserted: ProgrammeRow[] = await manager.query(
        `INSERT INTO partners.programmes (id, partner_id, project_id, input, unit_cost_fen, cost_borne_by, grow_out_days, market_reference_per_kg_fen, floor_price_per_kg_fen, deduction_rule, created_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (partner_id, project_id) DO NOTHING RETURNING id`,
        [randomUUID(), partnerId, input.projectId, input.input.trim(), input.unitCostFen, input.costBorneBy, input.growOutDays, input.marketReferencePerKgFen, input.floorPricePerKgFen, input.deductionRule, this.clock.today()],
      );
      if (!inserted.length) throw new DomainError('conflict', 'programme_exists', `partner ${partnerId} has a programme with project ${input.projectId} already`, { partnerId, projectId: input.projectId });
      const programmes: ProgrammeRow[] = await manager.query(`SELECT * FROM partners.programmes WHERE partner_id = $1 ORDER BY created_on, id`, [partnerId]);
      return presentPartner(partner, programmes);
    });
  }
}
