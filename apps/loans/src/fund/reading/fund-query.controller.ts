import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, ScopedRecord } from '@xingfu/auth';
import { PageQuery } from '@xingfu/common';
import { ProjectScope } from '../../shared/record-scopes';
import { GetFundQuery } from './get-fund/get-fund.query';
import { ListLedgerQuery } from './list-ledger/list-ledger.query';

/**
 * Reading a fund: as GET /projects/:id in applications, every role whose scope holds the
 * project (the county's project office, its townships' officers, the foundation, admins);
 * partners never (404).
 */
@ApiTags('fund')
@ApiBearerAuth()
@Controller('projects')
export class FundQueryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/fund')
  @ScopedRecord('project', ProjectScope)
  @ApiOperation({
    summary:
      'The fund’s figures from its ledger: committed, received, 到位率, disbursed, repaid, outstanding, written off, available, 滚动率, fee income, whether the fund identity holds, and the same per round.',
  })
  @ApiOkResponse({
    description:
      '{ projectId, countyCode, openedOn, committedFen, receivedFen, arrivalRateBasisPoints, disbursedFen, repaidFen, outstandingFen, writtenOffFen, availableFen, revolvingRateBasisPoints, feeIncomeFen, identityHolds, rounds: [{ round: n | "unassigned", …the same figures }] }. Rates in basis points (10000 = 100%), half-up, null when the denominator is 0.',
  })
  @ApiNotFoundResponse({ description: 'No such project in your scope.' })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.queries.execute(new GetFundQuery(id, user));
  }

  @Get(':id/fund/ledger')
  @ScopedRecord('project', ProjectScope)
  @ApiOperation({ summary: 'The fund’s ledger, newest entry first (seq descending), each entry with its balanced lines (fen, debit positive); paged.' })
  @ApiOkResponse({ description: '{ items: [{ id, seq, kind, date, round, loanId, sourceId, correctsEntryId, memo, createdBy, createdAt, lines: [{ lineNo, account, amountFen }] }], page, pageSize, total }' })
  @ApiBadRequestResponse({ description: 'validation_failed: a page out of range.' })
  @ApiNotFoundResponse({ description: 'No such project in your scope.' })
  ledger(@Param('id', ParseUUIDPipe) id: string, @Query() page: PageQuery, @CurrentUser() user: AuthUser) {
    return this.queries.execute(new ListLedgerQuery(id, page, user));
  }
}
