import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@xingfu/auth';
import { RecordFollowUpDto } from './record-follow-up.dto';
import { RecordFollowUpCommand } from './record-follow-up.handler';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class RecordFollowUpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/follow-ups')
  @Roles('officer', 'project_manager')
  @ApiOperation({ summary: 'Record a follow-up visit (跟踪) after approval: production, income, problems, help. Emits FollowUpRecorded.' })
  @ApiCreatedResponse({ description: 'The follow-up.' })
  @ApiNotFoundResponse({ description: 'No such application in your scope.' })
  @ApiConflictResponse({ description: 'illegal_step: not approved (details: currentState, allowedSteps).' })
  record(@Param('id', ParseUUIDPipe) id: string, @Body() body: RecordFollowUpDto, @CurrentUser() user: AuthUser) {
    return this.commands.execute(new RecordFollowUpCommand(id, body, user));
  }
}
