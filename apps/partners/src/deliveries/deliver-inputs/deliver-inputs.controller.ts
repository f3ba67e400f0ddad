import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { EnrolmentScope } from '../../shared/record-scopes';
import { DeliverInputsCommand } from './deliver-inputs.command';
import { DeliverInputsDto } from './deliver-inputs.dto';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('enrolments')
export class DeliverInputsController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/deliveries')
  @ScopedRecord('enrolment', EnrolmentScope, 'partner')
  @ApiOperation({ summary: 'The partner records inputs delivered to the mother; the first delivery sets the expected buyback date (+ grow-out days). Emits InputsDelivered.' })
  @ApiCreatedResponse({ description: 'The enrolment, with the delivery (id in deliveries[]).' })
  @ApiBadRequestResponse({ description: 'validation_failed: a date in the future or before the acceptance.' })
  @ApiNotFoundResponse({ description: 'No such enrolment with your partner.' })
  @ApiConflictResponse({ description: 'illegal_step: not accepted (pending or refused).' })
  deliver(@Param('id', ParseUUIDPipe) id: string, @Body() body: DeliverInputsDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new DeliverInputsCommand({ enrolmentId: id, ...body }, context));
  }
}
