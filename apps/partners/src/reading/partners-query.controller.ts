import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, ScopedRecord } from '@xingfu/auth';
import { EnrolmentScope, PartnerScope } from '../shared/record-scopes';
import { ListEnrolmentsFilter } from './list-enrolments.dto';
import { GetEnrolmentQuery, GetPartnerQuery, ListEnrolmentsQuery } from './reading.queries';

@ApiTags('partners')
@ApiBearerAuth()
@Controller()
export class PartnersQueryController {
  constructor(private readonly queries: QueryBus) {}

  @Get('partners/:id')
  @ScopedRecord('partner', PartnerScope)
  @ApiOperation({ summary: 'A partner and its programmes.' })
  @ApiOkResponse({ description: 'The partner.' })
  @ApiNotFoundResponse({ description: 'No such partner in your scope (a partner user: any but its own).' })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.queries.execute(new GetPartnerQuery(id));
  }

  @Get('partners/:id/enrolments')
  @ScopedRecord('partner', PartnerScope)
  @ApiOperation({ summary: 'The mothers enrolled with the partner: masked name and village (never ID or phone), deliveries beside the loan’s in-kind part, the expected buyback date, buybacks and what reached her; paged.' })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }' })
  @ApiNotFoundResponse({ description: 'No such partner in your scope.' })
  enrolments(@Param('id', ParseUUIDPipe) id: string, @Query() filter: ListEnrolmentsFilter, @CurrentUser() user: AuthUser) {
    return this.queries.execute(new ListEnrolmentsQuery(id, filter, user));
  }

  @Get('enrolments/:id')
  @ScopedRecord('enrolment', EnrolmentScope)
  @ApiOperation({ summary: 'One enrolment, as in the partner’s list.' })
  @ApiOkResponse({ description: 'The enrolment.' })
  @ApiNotFoundResponse({ description: 'No such enrolment in your scope (another partner’s: 404).' })
  enrolment(@Param('id', ParseUUIDPipe) id: string) {
    return this.queries.execute(new GetEnrolmentQuery(id));
  }
}
