import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { EnrolmentScope } from '../../shared/record-scopes';
import { RecordBuybackCommand } from './record-buyback.command';
import { RecordBuybackDto } from './record-buyback.dto';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('enrolments')
export class RecordBuybackController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/buybacks')
  @ScopedRecord('enrolment', EnrolmentScope, 'partner')
  @ApiOperation({ summary: 'The partner records a buyback; the figures must add up to the fen. It waits for the officer’s confirmation. Emits BuybackRecorded.' })
  @ApiCreatedResponse({ description: 'The enrolment, with the buyback (status recorded) in buybacks[].' })
  @ApiBadRequestResponse({ description: 'validation_failed, by field: gross not the weight at the price, price below the floor, deduction above the unrecovered advance, withholding above the loan’s outstanding, net not gross − deduction − withheld.' })
  @ApiNotFoundResponse({ description: 'No such enrolment with your partner.' })
  @ApiConflictResponse({ description: 'illegal_step: not accepted.' })
  record(@Param('id', ParseUUIDPipe) id: string, @Body() body: RecordBuybackDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new RecordBuybackCommand({ enrolmentId: id, ...body }, context));
  }
}
