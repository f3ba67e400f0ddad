import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, ScopedRecord } from '@xingfu/auth';
import { GetApplicationQuery } from '../get-application/get-application.query';
import { ApplicationScope } from '../../shared/record-scopes';
import { ListApplicationsFilter } from './list-applications.dto';
import { ListApplicationsQuery } from './list-applications.query';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsQueryController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Applications in your scope, filtered and paged. ID numbers in full only for project managers and the foundation.' })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }' })
  @ApiBadRequestResponse({ description: 'validation_failed: a filter or page out of range.' })
  @ApiNotFoundResponse({ description: 'Partners never see applications.' })
  list(@Query() filter: ListApplicationsFilter, @CurrentUser() user: AuthUser) {
    return this.queries.execute(new ListApplicationsQuery(filter, user));
  }

  @Get(':id')
  @ScopedRecord('application', ApplicationScope)
  @ApiOperation({ summary: 'One application with its full history (each step, who, when) and every step’s record.' })
  @ApiOkResponse({ description: 'The application, history, homeVisits, screenings, creditAssessments, followUps, objections.' })
  @ApiNotFoundResponse({ description: 'No such application in your scope (partners: never).' })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.queries.execute(new GetApplicationQuery(id, user));
  }
}
