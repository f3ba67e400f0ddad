import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ChargeKind } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { assertSubsidyAllowed } from '../../domain/loan-settings';
import { ChangeLoanSettingsCommand } from './change-loan-settings.command';

/** The project row locked, so a policy change of the rate cannot slip between the check and the write. */
@CommandHandler(ChangeLoanSettingsCommand)
export class ChangeLoanSettingsHandler implements ICommandHandler<ChangeLoanSettingsCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  execute({ fields: { projectId, defaultThresholdDays, interestSubsidyBasisPoints }, context }: ChangeLoanSettingsCommand) {
    return this.uow.run(context, async ({ manager }) => {
      // The scope guard found the row.
      const [project]: { charge_kind: ChargeKind; rate_basis_points: number }[] = await manager.query(
        `SELECT charge_kind, rate_basis_points FROM loans.projects WHERE project_id = $1 FOR UPDATE`,
        [projectId],
      );
      assertSubsidyAllowed(interestSubsidyBasisPoints, project.charge_kind, project.rate_basis_points);
      await manager.query(`UPDATE loans.projects SET default_threshold_days = $2, interest_subsidy_basis_points = $3, updated_at = now() WHERE project_id = $1`, [
        projectId,
        defaultThresholdDays,
        interestSubsidyBasisPoints,
      ]);
      return { projectId, chargeKind: project.charge_kind, rateBasisPoints: project.rate_basis_points, defaultThresholdDays, interestSubsidyBasisPoints };
    });
  }
}
