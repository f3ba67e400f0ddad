import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { ScopedRecord } from '@xingfu/auth';
import { ApplicationScope } from '../../shared/record-scopes';
import { ApproveApplicationDto } from './approve-application.dto';
import { ApproveApplicationCommand } from './approve-application.command';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApproveApplicationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/approval')
  @ScopedRecord('application', ApplicationScope, 'project_manager')
  @ApiOperation({ summary: 'Approve the loan (county project office; not the user who submitted it). Emits ApplicationApproved.' })
  @ApiCreatedResponse({ description: 'The approved application.' })
  @ApiBadRequestResponse({ description: 'Amount outside the policy or above the grade ceiling, term, plan, partner or mode not allowed (details per field).' })
  @ApiForbiddenResponse({ description: 'maker_checker: you submitted this application; or your role is not project_manager.' })
  @ApiNotFoundResponse({ description: 'No such application in your county.' })
  @ApiConflictResponse({ description: 'illegal_step: not credit-assessed yet, or already decided (details: currentState, allowedSteps).' })
  approve(@Param('id', ParseUUIDPipe) id: string, @Body() body: ApproveApplicationDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new ApproveApplicationCommand({ applicationId: id, ...body }, context));
  }
}
