import { Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { ScopedRecord } from '@xingfu/auth';
import { ApplicationScope } from '../../shared/record-scopes';
import { ScreenApplicationCommand } from './screen-application.command';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ScreenApplicationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/screening')
  @ScopedRecord('application', ApplicationScope, 'officer', 'project_manager')
  @ApiOperation({
    summary:
      'Apply the project’s aid standard in force now (age, per-capita income, family planning, able to work, production project, no unpaid loan); every check is recorded with its rule, value, outcome and reason. No body. Emits ApplicationScreened.',
  })
  @ApiCreatedResponse({ description: '{ id, applicationId, status: eligible | ineligible, eligible, policyVersion, checks: [{ rule, value, outcome: pass | fail, reason }] }' })
  @ApiBadRequestResponse({ description: 'The id is not a UUID.' })
  @ApiForbiddenResponse({ description: 'Your role may not screen (officers and project managers only).' })
  @ApiNotFoundResponse({ description: 'No such application in your scope.' })
  @ApiConflictResponse({ description: 'illegal_step: screening needs a verified home visit and happens once (details: currentState, allowedSteps).' })
  screen(@Param('id', ParseUUIDPipe) id: string, @Ctx() context: CommandContext) {
    return this.commands.execute(new ScreenApplicationCommand({ applicationId: id }, context));
  }
}
