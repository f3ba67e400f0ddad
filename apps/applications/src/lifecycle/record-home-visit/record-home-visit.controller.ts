import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { ScopedRecord } from '@xingfu/auth';
import { ApplicationScope } from '../../shared/record-scopes';
import { RecordHomeVisitDto } from './record-home-visit.dto';
import { RecordHomeVisitCommand } from './record-home-visit.command';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class RecordHomeVisitController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/home-visits')
  @ScopedRecord('application', ApplicationScope, 'officer', 'project_manager')
  @ApiOperation({ summary: 'Record a home visit (入户核实). A verified visit lets screening run. Emits HomeVisitRecorded.' })
  @ApiCreatedResponse({ description: '{ id, applicationId, status, verified }' })
  @ApiBadRequestResponse({ description: 'Invalid fields; visit date before the survey or in the future.' })
  @ApiNotFoundResponse({ description: 'No such application in your scope.' })
  @ApiConflictResponse({ description: 'illegal_step: the application cannot take a home visit now (details: currentState, allowedSteps).' })
  record(@Param('id', ParseUUIDPipe) id: string, @Body() body: RecordHomeVisitDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new RecordHomeVisitCommand({ applicationId: id, ...body }, context));
  }
}
