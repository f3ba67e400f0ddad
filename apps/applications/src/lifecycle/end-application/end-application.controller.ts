import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, ScopedRecord } from '@xingfu/auth';
import { ApplicationScope } from '../../shared/record-scopes';
import { EndApplicationCommand } from './end-application.command';
import { RejectApplicationDto, WithdrawApplicationDto } from './end-application.dto';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class EndApplicationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/rejection')
  @ScopedRecord('application', ApplicationScope, 'officer', 'project_manager')
  @ApiOperation({ summary: 'Reject an open application with a reason. Emits ApplicationRejected.' })
  @ApiCreatedResponse({ description: 'The rejected application.' })
  @ApiBadRequestResponse({ description: 'validation_failed: the reason is missing or blank.' })
  @ApiForbiddenResponse({ description: 'Your role may not reject (officers and project managers only).' })
  @ApiNotFoundResponse({ description: 'No such application in your scope (partners: never).' })
  @ApiConflictResponse({ description: 'illegal_step: it is no longer open (details: currentState, allowedSteps).' })
  reject(@Param('id', ParseUUIDPipe) id: string, @Body() body: RejectApplicationDto, @CurrentUser() user: AuthUser) {
    return this.commands.execute(new EndApplicationCommand(id, 'rejection', body.reason.trim(), user));
  }

  @Post(':id/withdrawal')
  @ScopedRecord('application', ApplicationScope, 'officer', 'project_manager')
  @ApiOperation({ summary: 'Record that the mother withdrew. Emits ApplicationWithdrawn.' })
  @ApiCreatedResponse({ description: 'The withdrawn application.' })
  @ApiForbiddenResponse({ description: 'Your role may not record a withdrawal (officers and project managers only).' })
  @ApiNotFoundResponse({ description: 'No such application in your scope (partners: never).' })
  @ApiConflictResponse({ description: 'illegal_step: it is no longer open (details: currentState, allowedSteps).' })
  withdraw(@Param('id', ParseUUIDPipe) id: string, @Body() body: WithdrawApplicationDto, @CurrentUser() user: AuthUser) {
    return this.commands.execute(new EndApplicationCommand(id, 'withdrawal', body.reason?.trim() ?? '', user));
  }
}
