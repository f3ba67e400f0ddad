import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { ReminderSweepCounts } from '../find-due/reminders-due-on';
import { RunRemindersSweepCommand } from './run-reminders-sweep.command';
import { RunRemindersSweepDto } from './run-reminders-sweep.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/sweeps')
export class RunRemindersSweepController {
  constructor(private readonly commands: CommandBus) {}

  @Post('reminders')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary:
      'Run the reminders sweep for one business date (not after today): records every reminder falling due that day (skipped_stale when more than 2 days late) and enqueues the send of each still scheduled. A second run finds the same, records and enqueues nothing new.',
  })
  @ApiOkResponse({ description: 'The counts: asOf, found, scheduled, skippedStale, enqueued.' })
  @ApiBadRequestResponse({ description: 'validation_failed: asOf is not a date, or after today.' })
  run(@Body() body: RunRemindersSweepDto, @Ctx() context: CommandContext): Promise<ReminderSweepCounts> {
    return this.commands.execute(new RunRemindersSweepCommand({ ...body }, context));
  }
}
