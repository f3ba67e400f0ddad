import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@xingfu/auth';
import { FundsQuery } from '../query/report-query.dto';
import { FileFormat, reportFile, ReportJson, reportJson } from '../shared/report-format';
import { REPORT_ROLES } from '../shared/report-roles';
import { GetFundsQuery } from './get-funds.query';
import { FundsReport } from './get-funds.handler';

const SUMMARY = 'Per project in your counties: committed, received, 到位率, disbursed in all, 滚动率, repaid principal, written off, outstanding.';

/** GET /reports/funds, and the same as .csv and .xlsx (literal routes first, as the portfolio's). */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class FundsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('funds.csv')
  @Roles(...REPORT_ROLES)
  @ApiOperation({ summary: `${SUMMARY} As CSV (UTF-8 with BOM, Chinese headers, yuan).` })
  @ApiProduces('text/csv')
  csv(@Query() filter: FundsQuery, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
    return this.file(filter, user, 'csv');
  }

  @Get('funds.xlsx')
  @Roles(...REPORT_ROLES)
  @ApiOperation({ summary: `${SUMMARY} As an Excel workbook.` })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  xlsx(@Query() filter: FundsQuery, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
    return this.file(filter, user, 'xlsx');
  }

  @Get('funds')
  @Roles(...REPORT_ROLES)
  @ApiOperation({ summary: SUMMARY })
  @ApiOkResponse({ description: '{ asOf, projectId, columns, items: [{ projectId, projectName, countyCode, committedFen, receivedFen, arrivalRate, disbursedFen, revolvingRate, … }], total }' })
  async json(@Query() filter: FundsQuery, @CurrentUser() user: AuthUser): Promise<FundsReport['scope'] & ReportJson> {
    const report = await this.report(filter, user);
    return { ...report.scope, ...reportJson(report.table) };
  }

  private report(filter: FundsQuery, user: AuthUser): Promise<FundsReport> {
    return this.queries.execute(new GetFundsQuery(filter, user));
  }

  private async file(filter: FundsQuery, user: AuthUser, format: FileFormat): Promise<StreamableFile> {
    return reportFile((await this.report(filter, user)).table, format);
  }
}
