import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { LoanScope } from '../../shared/record-scopes';
import { RescheduleCommand } from './reschedule.command';
import { RescheduleDto } from './reschedule.dto';
import { RescheduleView } from './reschedule.handler';

@ApiTags('loans')
@ApiBearerAuth()
@Controller('loans')
export class RescheduleController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/reschedule')
  @ScopedRecord('loan', LoanScope, 'project_manager')
  @ApiOperation({
    summary: 'Replace the unpaid schedule with a custom one for the principal outstanding (the old one stays as history). Unpaid fee fallen due and fee accrued to today go on the first new instalment. A defaulted loan becomes active again. Emits LoanRescheduled.',
  })
  @ApiCreatedResponse({ description: 'The new schedule version and its instalments.' })
  @ApiBadRequestResponse({ description: 'validation_failed: amounts not adding up to the principal outstanding, dates not after today or not increasing.' })
  @ApiNotFoundResponse({ description: 'No such loan in your scope.' })
  @ApiConflictResponse({ description: 'illegal_step: the loan is not active or defaulted.' })
  reschedule(@Param('id', ParseUUIDPipe) id: string, @Body() body: RescheduleDto, @Ctx() context: CommandContext): Promise<RescheduleView> {
    return this.commands.execute(new RescheduleCommand({ loanId: id, instalments: body.instalments.map((i) => ({ dueDate: i.dueDate, amountFen: i.amountFen })), reason: body.reason }, context));
  }
}
