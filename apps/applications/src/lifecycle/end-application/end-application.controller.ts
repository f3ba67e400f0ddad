import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
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
  reject(@Param('id', ParseUUIDPipe) id: string, @Body() body: RejectApplicationDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new EndApplicationCommand({ applicationId: id, step: 'rejection', reason: body.reason.trim() }, context));
  }

  @Post(':id/withdrawal')
  @ScopedRecord('application', ApplicationScope, 'officer', 'project_manager')
  @ApiOperation({ summary: 'Record that the mother withdrew. Emits ApplicationWithdrawn.' })
  @ApiCreatedResponse({ description: 'The withdrawn application.' })
  @ApiForbiddenResponse({ description: 'Your role may not record a withdrawal (officers and project managers only).' })
  @ApiNotFoundResponse({ description: 'No such application in your scope (partners: never).' })
  @ApiConflictResponse({ description: 'illegal_step: it is no longer open (details: currentState, allowedSteps).' })
  withdraw(@Param('id', ParseUUIDPipe) id: string, @Body() body: WithdrawApplicationDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new EndApplicationCommand({ applicationId: id, step: 'withdrawal', reason: body.reason?.trim() ?? '' }, context));
  }
}
