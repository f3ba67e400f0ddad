import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { LoanScope } from '../../shared/record-scopes';
import { WriteOffCommand } from './write-off.command';
import { WriteOffDto } from './write-off.dto';
import { WriteOffView } from './write-off.handler';

@ApiTags('loans')
@ApiBearerAuth()
@Controller('loans')
export class WriteOffController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/write-off')
  @ScopedRecord('loan', LoanScope, 'foundation')
  @ApiOperation({
    summary: 'Write a defaulted loan off (foundation): its outstanding principal is booked as a loss to the fund. Refused while the guarantors’ demands are under 30 days old, unless overrideReason is given. Emits LoanWrittenOff.',
  })
  @ApiCreatedResponse({ description: 'loanId, status written_off, writtenOffOn, writtenOffFen, reason, overrideReason.' })
  @ApiBadRequestResponse({ description: 'validation_failed.' })
  @ApiNotFoundResponse({ description: 'No such loan in your scope.' })
  @ApiConflictResponse({ description: 'illegal_step (the loan is not defaulted); guarantor_demands_too_recent (details: demandedOn, demandsAgeDays, writeOffFrom).' })
  writeOff(@Param('id', ParseUUIDPipe) id: string, @Body() body: WriteOffDto, @Ctx() context: CommandContext): Promise<WriteOffView> {
    return this.commands.execute(new WriteOffCommand({ loanId: id, ...body }, context));
  }
}
