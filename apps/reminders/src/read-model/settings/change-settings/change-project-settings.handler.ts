import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@xingfu/kit';
import { respaceFollowUps } from '../../follow-ups/follow-up-dates';
import { ProjectSettingsView, readProjectSettings } from '../project-settings.view';
import { ChangeProjectSettingsCommand } from './change-project-settings.command';

/** What is given replaces what was; a new interval moves the project's open follow-ups in the same transaction. */
@CommandHandler(ChangeProjectSettingsCommand)
export class ChangeProjectSettingsHandler implements ICommandHandler<ChangeProjectSettingsCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  execute({ fields: { projectId, followUpIntervalDays, templates }, context }: ChangeProjectSettingsCommand): Promise<ProjectSettingsView> {
    return this.uow.run(context, async ({ manager }) => {
      // The scope guard found the row; locked so two changes of the interval cannot cross.
      const before = (await readProjectSettings(manager, projectId, true))!;
      await manager.query(
        `UPDATE reminders.project_settings SET follow_up_interval_days = COALESCE($2, follow_up_interval_days), templates = COALESCE($3::jsonb, templates), updated_at = now() WHERE project_id = $1`,
        [projectId, followUpIntervalDays ?? null, templates === undefined ? null : JSON.stringify(templates)],
      );
      if (followUpIntervalDays !== undefined && followUpIntervalDays !== before.followUpIntervalDays) await respaceFollowUps(manager, projectId, followUpIntervalDays);
      return (await readProjectSettings(manager, projectId))!;
    });
  }
}
