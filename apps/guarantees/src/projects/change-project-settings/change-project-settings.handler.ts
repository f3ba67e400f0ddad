import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@xingfu/kit';
import { ChangeProjectSettingsCommand } from './change-project-settings.command';

@CommandHandler(ChangeProjectSettingsCommand)
export class ChangeProjectSettingsHandler implements ICommandHandler<ChangeProjectSettingsCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  execute({ fields: { projectId, householdLimit, deadlineDays }, context }: ChangeProjectSettingsCommand) {
    return this.uow.run(context, async ({ manager }) => {
      // The scope guard found the row; a guarantee already open keeps the settings it opened with.
      await manager.query(`UPDATE guarantees.project_settings SET household_limit = $2, deadline_days = $3, updated_at = now() WHERE project_id = $1`, [projectId, householdLimit, deadlineDays]);
      return { projectId, householdLimit, deadlineDays };
    });
  }
}
