import { Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { EnrolmentScope } from '../../shared/record-scopes';
import { AcceptEnrolmentCommand } from './accept-enrolment.command';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('enrolments')
export class AcceptEnrolmentController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/acceptance')
  @ScopedRecord('enrolment', EnrolmentScope, 'partner')
  @ApiOperation({ summary: 'The partner accepts the mother into its programme, on the business date. Emits EnrolmentAccepted.' })
  @ApiCreatedResponse({ description: 'The enrolment.' })
  @ApiNotFoundResponse({ description: 'No such enrolment with your partner.' })
  @ApiConflictResponse({ description: 'illegal_step: accepted or refused already.' })
  accept(@Param('id', ParseUUIDPipe) id: string, @Ctx() context: CommandContext) {
    return this.commands.execute(new AcceptEnrolmentCommand({ enrolmentId: id }, context));
  }
}
