import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { EnrolmentScope } from '../../shared/record-scopes';
import { RefuseEnrolmentCommand } from './refuse-enrolment.command';
import { RefuseEnrolmentDto } from './refuse-enrolment.dto';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('enrolments')
export class RefuseEnrolmentController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/refusal')
  @ScopedRecord('enrolment', EnrolmentScope, 'partner')
  @ApiOperation({ summary: 'The partner refuses the mother, with a reason. Emits EnrolmentRefused.' })
  @ApiCreatedResponse({ description: 'The enrolment.' })
  @ApiNotFoundResponse({ description: 'No such enrolment with your partner.' })
  @ApiConflictResponse({ description: 'illegal_step: accepted or refused already.' })
  refuse(@Param('id', ParseUUIDPipe) id: string, @Body() body: RefuseEnrolmentDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new RefuseEnrolmentCommand({ enrolmentId: id, ...body }, context));
  }
}
