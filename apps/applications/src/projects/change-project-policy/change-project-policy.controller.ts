import { Body, Controller, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { ScopedRecord } from '@xingfu/auth';
import { ProjectScope } from '../../shared/record-scopes';
import { ChangeProjectPolicyCommand } from './change-project-policy.command';
import { ChangeProjectPolicyDto } from './change-project-policy.dto';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ChangeProjectPolicyController {
  constructor(private readonly commands: CommandBus) {}

  @Patch(':id')
  @ScopedRecord('project', ProjectScope, 'foundation', 'project_manager')
  @ApiOperation({
    summary: 'Change a project’s name or policy parts. A policy change is a new version for screenings after it; past screenings keep theirs. Emits ProjectPolicyChanged with the changed parts.',
  })
  @ApiOkResponse({ description: 'The project with the policy now in force (the same version when nothing in the policy differs).' })
  @ApiBadRequestResponse({ description: 'validation_failed: malformed fields, an inconsistent policy, or nothing to change; details by field.' })
  @ApiForbiddenResponse({ description: 'Your role may not change projects (only foundation and project managers).' })
  @ApiNotFoundResponse({ description: 'No such project in your scope.' })
  change(@Param('id', ParseUUIDPipe) id: string, @Body() body: ChangeProjectPolicyDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new ChangeProjectPolicyCommand({ projectId: id, ...body }, context));
  }
}
