import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { BuybackScope } from '../../shared/record-scopes';
import { DisputeBuybackCommand } from './dispute-buyback.command';
import { DisputeBuybackDto } from './dispute-buyback.dto';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('buybacks')
export class DisputeBuybackController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/dispute')
  @ScopedRecord('buyback', BuybackScope, 'officer')
  @ApiOperation({ summary: 'The officer disputes the buyback on the mother’s behalf: nothing is withheld until a project manager settles it. Emits BuybackDisputed.' })
  @ApiCreatedResponse({ description: 'The enrolment.' })
  @ApiNotFoundResponse({ description: 'No such buyback in your scope.' })
  @ApiConflictResponse({ description: 'illegal_step: confirmed, disputed or voided already.' })
  dispute(@Param('id', ParseUUIDPipe) id: string, @Body() body: DisputeBuybackDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new DisputeBuybackCommand({ buybackId: id, ...body }, context));
  }
}
