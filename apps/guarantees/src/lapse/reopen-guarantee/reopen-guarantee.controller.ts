import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { GuaranteeScope } from '../../shared/record-scopes';
import { ReopenGuaranteeCommand } from './reopen-guarantee.command';

@ApiTags('guarantees')
@ApiBearerAuth()
@Controller('guarantees')
export class ReopenGuaranteeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/reopen')
  @HttpCode(201)
  @ScopedRecord('guarantee', GuaranteeScope, 'officer')
  @ApiOperation({ summary: 'Reopen a lapsed guarantee (once), with a new deadline; signatures stay. Emits GuaranteeReopened.' })
  @ApiCreatedResponse({ description: 'The guarantee.' })
  @ApiNotFoundResponse({ description: 'No such guarantee in your scope.' })
  @ApiConflictResponse({ description: 'illegal_step: not lapsed, or reopened once already (details: currentState, allowedSteps).' })
  reopen(@Param('id', ParseUUIDPipe) id: string, @Ctx() context: CommandContext) {
    return this.commands.execute(new ReopenGuaranteeCommand({ guaranteeId: id }, context));
  }
}
