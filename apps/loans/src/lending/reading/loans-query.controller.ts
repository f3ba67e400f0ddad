import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, ScopedRecord } from '@xingfu/auth';
import { LoanScope } from '../../shared/record-scopes';
import { GetLoanParams } from './get-loan/get-loan.dto';
import { GetLoanQuery } from './get-loan/get-loan.query';
import { ListLoansFilter } from './list-loans/list-loans.dto';
import { ListLoansQuery } from './list-loans/list-loans.query';

@ApiTags('loans')
@ApiBearerAuth()
@Controller('loans')
export class LoansQueryController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Loans in your scope, filtered by project, township, village, status, bucket, partner and round; paged. Each loan as its row shows it (status, amounts, balances), with days past due and bucket on the business date; the bucket filter counts them the same way.' })
  @ApiOkResponse({ description: '{ items, page, pageSize, total }' })
  @ApiBadRequestResponse({ description: 'validation_failed: a filter or page out of range.' })
  @ApiNotFoundResponse({ description: 'Partners never see loans.' })
  list(@Query() filter: ListLoansFilter, @CurrentUser() user: AuthUser) {
    return this.queries.execute(new ListLoansQuery(filter, user));
  }

  @Get(':id')
  @ScopedRecord('loan', LoanScope, 'officer', 'project_manager', 'foundation')
  @ApiOperation({
    summary: 'One loan: status, amounts, her masked identity, the card masked, the schedule with paid, unpaid and overdue per instalment, superseded schedules, balances, days past due, bucket, pauses, postings (paged, newest first) and history.',
  })
  @ApiOkResponse({ description: 'The loan. Its balances are kept on it: the read costs the same with 700 postings as with 1.' })
  @ApiNotFoundResponse({ description: 'No such loan in your scope (partners: never).' })
  get(@Param('id', ParseUUIDPipe) id: string, @Query() params: GetLoanParams, @CurrentUser() user: AuthUser) {
    return this.queries.execute(new GetLoanQuery(id, user, params));
  }
}
