import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DailySweep } from '@xingfu/jobs';
import { systemContext } from '@xingfu/kernel';
import { DataSource } from 'typeorm';
import { PartnersSweep } from '../../partners.jobs';
import { FlagBuybackOverdueCommand } from './flag-buyback-overdue.command';

/**
 * The daily buyback watch: on a business date, flags every accepted enrolment whose expected
 * buyback date (first delivery + grow-out) is 30 days or more behind it with no buyback. It
 * follows the business date, so a date moved ahead flags what is due, once.
 */
@Injectable()
export class FlagBuybacksOverdueSweep {
  private readonly logger = new Logger('FlagBuybacksOverdueSweep');

  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandBus,
  ) {}

  @DailySweep(PartnersSweep.BuybackOverdue)
  async sweep(businessDate: string): Promise<{ flagged: string[] }> {
    const due: { id: string }[] = await this.dataSource.query(`SELECT id FROM partners.enrolments WHERE status = 'accepted' AND overdue_from <= $1 ORDER BY overdue_from, id`, [businessDate]);
    const flagged: string[] = [];
    for (const { id } of due) {
      const done: boolean = await this.commands.execute(new FlagBuybackOverdueCommand({ enrolmentId: id, businessDate }, systemContext('buyback-overdue-sweep', randomUUID())));
      if (done) flagged.push(id);
    }
    if (due.length) this.logger.log(`${businessDate}: ${flagged.length} of ${due.length} enrolment(s) flagged buyback_overdue`);
    return { flagged };
  }
}
