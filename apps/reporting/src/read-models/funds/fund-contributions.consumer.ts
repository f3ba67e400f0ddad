import { Injectable } from '@nestjs/common';
import { EventEnvelope, FundContributionRecorded, FundContributionRecordedV1 } from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { monthOf } from '../domain/cell-dims';

/** Money committed to or received by a fund, once per contribution (到位率, 滚动率). */
@Injectable()
@EventConsumer({ service: 'reporting', name: 'read-model-fund-contributions', events: [FundContributionRecorded] })
export class FundContributionsConsumer implements EventHandler<typeof FundContributionRecorded> {
  async handle(event: EventEnvelope<FundContributionRecordedV1>, manager: EntityManager): Promise<void> {
    const p = event.payload;
    await manager.query(
      `INSERT INTO reporting.fund_contributions (contribution_id, project_id, county_code, source, stage, amount_fen, date, month, round)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
      [p.contributionId, p.projectId, p.countyCode, p.source, p.stage, p.amountFen, p.date, monthOf(p.date), p.round ?? null],
    );
  }
}
