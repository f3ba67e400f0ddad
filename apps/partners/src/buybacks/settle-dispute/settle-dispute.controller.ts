import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { BuybackScope } from '../../shared/record-scopes';
import { SettleDisputeCommand } from './settle-dispute.command';
import { SettleDisputeDto } from './settle-dispute.dto';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('buybacks')
export class SettleDisputeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/settlement')
  @ScopedRecord('buyback', BuybackScope, 'project_manager')
  @ApiOperation({ summary: 'A project manager settles a disputed buyback: upheld, corrected (new figures) or voided. Emits BuybackDisputeSettled, and BuybackConfirmed unless voided.' })
  @ApiCreatedResponse({ description: 'The enrolment.' })
  @ApiBadRequestResponse({ description: 'validation_failed: figures missing for corrected (or given otherwise), or not adding up.' })
  @ApiNotFoundResponse({ description: 'No such buyback in your scope.' })
  @ApiConflictResponse({ description: 'illegal_step: the buyback is not disputed.' })
  settle(@Param('id', ParseUUIDPipe) id: string, @Body() body: SettleDisputeDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new SettleDisputeCommand({ buybackId: id, ...body }, context));
  }
}
