import { Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { BuybackScope } from '../../shared/record-scopes';
import { ConfirmBuybackCommand } from './confirm-buyback.command';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('buybacks')
export class ConfirmBuybackController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/confirmation')
  @ScopedRecord('buyback', BuybackScope, 'officer')
  @ApiOperation({ summary: 'The officer confirms the buyback on the mother’s behalf, on the business date. Emits BuybackConfirmed: loans posts the withheld amount.' })
  @ApiCreatedResponse({ description: 'The enrolment.' })
  @ApiNotFoundResponse({ description: 'No such buyback in your scope.' })
  @ApiConflictResponse({ description: 'illegal_step: confirmed, disputed or voided already.' })
  confirm(@Param('id', ParseUUIDPipe) id: string, @Ctx() context: CommandContext) {
    return this.commands.execute(new ConfirmBuybackCommand({ buybackId: id }, context));
  }
}
