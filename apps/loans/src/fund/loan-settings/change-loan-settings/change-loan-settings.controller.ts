import { Body, Controller, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { ProjectScope } from '../../../shared/record-scopes';
import { ChangeLoanSettingsCommand } from './change-loan-settings.command';
import { ChangeLoanSettingsDto } from './change-loan-settings.dto';

@ApiTags('fund')
@ApiBearerAuth()
@Controller('projects')
export class ChangeLoanSettingsController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':id/loan-settings')
  @ScopedRecord('project', ProjectScope, 'project_manager', 'foundation')
  @ApiOperation({ summary: 'Set a project’s loan settings: the default threshold (days past due) and the interest subsidy. The arrears sweep and disbursements read them from now on.' })
  @ApiOkResponse({ description: '{ projectId, chargeKind, rateBasisPoints, defaultThresholdDays, interestSubsidyBasisPoints }' })
  @ApiBadRequestResponse({ description: 'validation_failed; subsidy_above_rate: a subsidy on a project not charging interest, or above its rate.' })
  @ApiForbiddenResponse({ description: 'Only the county’s project office and the foundation.' })
  @ApiNotFoundResponse({ description: 'No such project in your scope.' })
  change(@Param('id', ParseUUIDPipe) projectId: string, @Body() body: ChangeLoanSettingsDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new ChangeLoanSettingsCommand({ projectId, ...body }, context));
  }
}
