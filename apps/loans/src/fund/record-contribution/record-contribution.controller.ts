import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiHeader, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { ProjectScope } from '../../shared/record-scopes';
import { RecordContributionCommand } from './record-contribution.command';
import { RecordContributionDto } from './record-contribution.dto';

@ApiTags('fund')
@ApiBearerAuth()
@Controller('projects')
export class RecordContributionController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/fund/contributions')
  @ScopedRecord('project', ProjectScope, 'foundation', 'project_manager')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key and body gets the first answer; another body 422.' })
  @ApiOperation({ summary: 'Record money committed to, or received by, the project’s revolving fund: one balanced ledger entry. Emits FundContributionRecorded.' })
  @ApiCreatedResponse({ description: '{ id, projectId, source, stage, amountFen, date, round, note, entryId }' })
  @ApiBadRequestResponse({ description: 'validation_failed: amount not whole fen from 1, a date in the future, an unknown source or stage.' })
  @ApiForbiddenResponse({ description: 'forbidden: your role may not record contributions; contribution_source_not_allowed: a project manager records only local_match.' })
  @ApiNotFoundResponse({ description: 'No such project in your scope.' })
  record(@Param('id', ParseUUIDPipe) projectId: string, @Body() body: RecordContributionDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new RecordContributionCommand({ projectId, ...body }, context));
  }
}
