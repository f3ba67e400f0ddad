import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, ScopedRecord } from '@xingfu/auth';
import { ProjectScope } from '../../shared/record-scopes';
import { GetProjectQuery } from './get-project.query';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class GetProjectController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @ScopedRecord('project', ProjectScope)
  @ApiOperation({ summary: 'One project with the policy in force and its version.' })
  @ApiOkResponse({ description: 'The project, its policy version and rules.' })
  @ApiBadRequestResponse({ description: 'The id is not a UUID.' })
  @ApiNotFoundResponse({ description: 'No such project in your scope.' })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.queries.execute(new GetProjectQuery(id, user));
  }
}
