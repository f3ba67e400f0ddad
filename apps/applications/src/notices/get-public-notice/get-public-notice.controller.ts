import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, ScopedRecord } from '@xingfu/auth';
import { PublicNoticeScope } from '../../shared/record-scopes';
import { GetPublicNoticeQuery } from './get-public-notice.query';

@ApiTags('public notices')
@ApiBearerAuth()
@Controller('public-notices')
export class GetPublicNoticeController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @ScopedRecord('public notice', PublicNoticeScope)
  @ApiOperation({ summary: 'The public list as posted: names partly masked (张*梅), village, amounts and projects; never ID numbers or phones.' })
  @ApiOkResponse({
    description:
      '{ id, project: { id, name }, townshipCode, villageCode, startDate, days, endDate, status, closedAt, closedBy, entries: [{ applicationId, name, villageCode, industry, project, model, requestedAmountFen, status }], objections: { total, open, upheld, dismissed } }',
  })
  @ApiNotFoundResponse({ description: 'No such notice in your scope (partners: never).' })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.queries.execute(new GetPublicNoticeQuery(id, user));
  }
}
