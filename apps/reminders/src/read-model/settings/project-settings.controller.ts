import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { ChangeProjectSettingsCommand } from './change-settings/change-project-settings.command';
import { ChangeProjectSettingsDto } from './change-settings/change-project-settings.dto';
import { GetProjectSettingsQuery } from './get-settings/get-project-settings.query';
import { ProjectSettingsScope } from './project-settings.scope';

const VIEW = '{ projectId, countyCode, followUpIntervalDays, templates: { [kind]: text }, updatedAt }';

/** A project's reminder settings: its county's project office, the foundation and admins. */
@ApiTags('reminders')
@ApiBearerAuth()
@Controller('reminders/projects')
export class ProjectSettingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get(':id/settings')
  @ScopedRecord('project', ProjectSettingsScope, 'project_manager', 'foundation', 'admin')
  @ApiOperation({ summary: 'A project’s reminder settings: the follow-up interval and its own templates.' })
  @ApiOkResponse({ description: VIEW })
  @ApiForbiddenResponse({ description: 'Only the county’s project office, the foundation and admins.' })
  @ApiNotFoundResponse({ description: 'No such project in your scope (or none approved yet).' })
  get(@Param('id', ParseUUIDPipe) projectId: string) {
    return this.queries.execute(new GetProjectSettingsQuery(projectId));
  }

  @Put(':id/settings')
  @ScopedRecord('project', ProjectSettingsScope, 'project_manager', 'foundation', 'admin')
  @ApiOperation({ summary: 'Change a project’s follow-up interval and/or its templates; what is left out stays. The sweep and the send job read them from now on.' })
  @ApiOkResponse({ description: VIEW })
  @ApiBadRequestResponse({ description: 'validation_failed: an interval outside 1–366; a template of an unknown kind, blank, over 500 characters or naming an unknown placeholder.' })
  @ApiForbiddenResponse({ description: 'Only the county’s project office, the foundation and admins.' })
  @ApiNotFoundResponse({ description: 'No such project in your scope (or none approved yet).' })
  change(@Param('id', ParseUUIDPipe) projectId: string, @Body() body: ChangeProjectSettingsDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new ChangeProjectSettingsCommand({ projectId, ...body }, context));
  }
}
