import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { FundContributionRecorded } from '@xingfu/contracts';
import { actorLabel, DomainError, userOf, validationFailed } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { FundLedger } from '../../shared/fund-ledger';
import { assertMayRecordContribution, contributionEntry } from '../domain/contribution-rules';
import { RecordContributionCommand } from './record-contribution.command';

/**
 * A contribution and its ledger entry in one transaction, with its event. It appends and
 * takes no lock: money coming in cannot overdraw the fund, so it never waits for a
 * disbursement holding the fund's row.
 */
@CommandHandler(RecordContributionCommand)
export class RecordContributionHandler implements ICommandHandler<RecordContributionCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ledger: FundLedger,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { projectId, amountFen, source, stage, date, round, note }, context }: RecordContributionCommand) {
    return this.uow.run(context, async (work) => {
      const { manager } = work;
      const user = userOf(context.actor);
      if (!user) throw new DomainError('forbidden', 'forbidden', 'contributions are recorded by people, not processes', {});
      assertMayRecordContribution(user.role, source);
      if (date > this.clock.today()) throw validationFailed({ date: [`date must not be in the future (today is ${this.clock.today()})`] });
      const [fund]: { county_code: string }[] = await manager.query(`SELECT county_code FROM loans.funds WHERE project_id = $1`, [projectId]);
      if (!fund) throw new DomainError('conflict', 'fund_not_open', `project ${projectId} has no revolving fund yet`, { projectId });

      const id = randomUUID();
      const by = actorLabel(context.actor);
      const trimmedNote = note?.trim() ?? null;
      await manager.query(
        `INSERT INTO loans.contributions (id, project_id, source, stage, amount_fen, contributed_on, round, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, projectId, source, stage, amountFen, date, round ?? null, trimmedNote, by],
      );
      const { kind, lines } = contributionEntry(stage, amountFen);
      const entryId = await this.ledger.post(manager, { projectId, kind, entryDate: date, lines, createdBy: by, round: round ?? null, sourceId: id, memo: trimmedNote });
      await work.outbox.append(FundContributionRecorded, projectId, {
        contributionId: id,
        projectId,
        countyCode: fund.county_code,
        source,
        stage,
        amountFen,
        date,
        ...(round !== undefined ? { round } : {}),
      });
      return { id, projectId, source, stage, amountFen, date, round: round ?? null, note: trimmedNote, entryId };
    });
  }
}
