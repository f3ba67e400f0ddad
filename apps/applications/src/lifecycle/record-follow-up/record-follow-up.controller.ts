import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { ScopedRecord } from '@xingfu/auth';
import { ApplicationScope } from '../../shared/record-scopes';
import { RecordFollowUpDto } from './record-follow-up.dto';
import { RecordFollowUpCommand } from './record-follow-up.command';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class RecordFollowUpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/follow-ups')
  @ScopedRecord('application', ApplicationScope, 'officer', 'project_manager')
  @ApiOperation({ summary: 'Record a follow-up visit (跟踪) after approval: production, income, problems, help. Emits FollowUpRecorded.' })
  @ApiCreatedResponse({ description: 'The follow-up.' })
  @ApiBadRequestResponse({ description: 'validation_failed: invalid fields; a visit date before the approval date or after today.' })
  @ApiForbiddenResponse({ description: 'Your role may not record follow-ups (officers and project managers only).' })
  @ApiNotFoundResponse({ description: 'No such application in your scope (partners: never).' })
  @ApiConflictResponse({ description: 'illegal_step: not approved (details: currentState, allowedSteps).' })
  record(@Param('id', ParseUUIDPipe) id: string, @Body() body: RecordFollowUpDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new RecordFollowUpCommand({ applicationId: id, ...body }, context));
  }
}
