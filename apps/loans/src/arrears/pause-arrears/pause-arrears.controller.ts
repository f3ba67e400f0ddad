import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { LoanScope } from '../../shared/record-scopes';
import { PauseArrearsCommand } from './pause-arrears.command';
import { PauseArrearsDto } from './pause-arrears.dto';
import { PauseView } from './pause-arrears.handler';

@ApiTags('loans')
@ApiBearerAuth()
@Controller('loans')
export class PauseArrearsController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/arrears-pause')
  @ScopedRecord('loan', LoanScope, 'project_manager')
  @ApiOperation({ summary: 'Pause a loan’s arrears from one date to another (both included, at most 365 days), e.g. for swine fever or a flood: it does not age and keeps its subsidy. Emits ArrearsPaused.' })
  @ApiCreatedResponse({ description: 'The pause: pauseId, loanId, from, to, reason.' })
  @ApiBadRequestResponse({ description: 'validation_failed: dates, to before from, longer than 365 days, from before the disbursement.' })
  @ApiNotFoundResponse({ description: 'No such loan in your scope.' })
  @ApiConflictResponse({ description: 'illegal_step: the loan is not active or defaulted.' })
  pause(@Param('id', ParseUUIDPipe) id: string, @Body() body: PauseArrearsDto, @Ctx() context: CommandContext): Promise<PauseView> {
    return this.commands.execute(new PauseArrearsCommand({ loanId: id, ...body }, context));
  }
}
