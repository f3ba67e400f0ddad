import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { validationFailed } from '@xingfu/kernel';
import { ReminderSweepCounts, RemindersDueOn } from '../find-due/reminders-due-on';
import { RunRemindersSweepCommand } from './run-reminders-sweep.command';

/**
 * An admin runs the reminders sweep for one date (after a correction of the read model, or a
 * date the daily run has not reached). Not a unit of work: the sweep's insert is idempotent and
 * its job ids deterministic, so running it again finds the same and sends nothing twice.
 */
@CommandHandler(RunRemindersSweepCommand)
export class RunRemindersSweepHandler implements ICommandHandler<RunRemindersSweepCommand> {
  constructor(
    private readonly due: RemindersDueOn,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { asOf } }: RunRemindersSweepCommand): Promise<ReminderSweepCounts> {
    const today = this.clock.today();
    if (asOf > today) throw validationFailed({ asOf: [`asOf must not be after today’s business date ${today}`] });
    return this.due.run(asOf);
  }
}
