import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DailySweep } from '@xingfu/jobs';
import { systemContext } from '@xingfu/kernel';
import { DataSource } from 'typeorm';
import { GuaranteesSweep } from '../../guarantees.jobs';
import { LapseGuaranteeCommand } from './lapse-guarantee.command';

/**
 * The daily deadline sweep: on a business date, lapses every guarantee still open whose
 * deadline came before it. It follows the business date, not the wall clock, so a date moved
 * ahead (or a process down for days) lapses what is due, once per day.
 */
@Injectable()
export class LapseGuaranteesSweep {
  private readonly logger = new Logger('LapseGuaranteesSweep');

  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandBus,
  ) {}

  @DailySweep(GuaranteesSweep.Deadlines)
  async sweep(businessDate: string): Promise<{ lapsed: string[] }> {
    const due: { id: string }[] = await this.dataSource.query(`SELECT id FROM guarantees.guarantees WHERE status = 'open' AND deadline < $1 ORDER BY deadline, id`, [businessDate]);
    const lapsed: string[] = [];
    for (const { id } of due) {
      const done: boolean = await this.commands.execute(new LapseGuaranteeCommand({ guaranteeId: id, businessDate }, systemContext('guarantee-deadline-sweep', randomUUID())));
      if (done) lapsed.push(id);
    }
    if (due.length) this.logger.log(`${businessDate}: ${lapsed.length} of ${due.length} guarantee(s) past their deadline lapsed`);
    return { lapsed };
  }
}
