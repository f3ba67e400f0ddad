import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@xingfu/auth';
import { ListProjectsQuery } from './list-projects.query';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ListProjectsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Projects in your scope with the policy in force (officers: the counties of their townships; partners: none).' })
  @ApiOkResponse({ description: '{ items: [project with its current policy and version] }' })
  @ApiUnauthorizedResponse({ description: 'No valid bearer token.' })
  list(@CurrentUser() user: AuthUser) {
    return this.queries.execute(new ListProjectsQuery(user));
  }
}
