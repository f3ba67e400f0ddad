import { Body, Controller, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { ProjectSettingsScope } from '../../shared/record-scopes';
import { ChangeProjectSettingsCommand } from './change-project-settings.command';
import { ChangeProjectSettingsDto } from './change-project-settings.dto';

@ApiTags('guarantees')
@ApiBearerAuth()
@Controller('guarantees/projects')
export class ChangeProjectSettingsController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':id/settings')
  @ScopedRecord('project', ProjectSettingsScope, 'project_manager', 'foundation')
  @ApiOperation({ summary: 'Set a project’s guarantee settings: the household limit and the signing deadline (for guarantees opened from now on).' })
  @ApiOkResponse({ description: '{ projectId, householdLimit, deadlineDays }' })
  @ApiBadRequestResponse({ description: 'validation_failed.' })
  @ApiNotFoundResponse({ description: 'No such project in your scope.' })
  change(@Param('id', ParseUUIDPipe) projectId: string, @Body() body: ChangeProjectSettingsDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new ChangeProjectSettingsCommand({ projectId, ...body }, context));
  }
}
