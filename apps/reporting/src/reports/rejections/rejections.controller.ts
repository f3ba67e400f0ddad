import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@xingfu/auth';
import { ReportQuery } from '../query/report-query.dto';
import { FileFormat, reportFile, ReportJson, reportJson } from '../shared/report-format';
import { REPORT_ROLES } from '../shared/report-roles';
import { GetRejectionsQuery } from './get-rejections.query';
import { RejectionsReport } from './get-rejections.handler';

const SUMMARY = 'Applications rejected in your scope, by the reason given (and groupBy: project, county, township, village, industry, model, partner, round, month of submission); from/to by submission date.';

/** GET /reports/rejections, and the same as .csv and .xlsx (literal routes first, as the portfolio's). */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class RejectionsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('rejections.csv')
  @Roles(...REPORT_ROLES)
  @ApiOperation({ summary: `${SUMMARY} As CSV (UTF-8 with BOM, Chinese headers, yuan).` })
  @ApiProduces('text/csv')
  csv(@Query() filter: ReportQuery, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
    return this.file(filter, user, 'csv');
  }

  @Get('rejections.xlsx')
  @Roles(...REPORT_ROLES)
  @ApiOperation({ summary: `${SUMMARY} As an Excel workbook.` })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  xlsx(@Query() filter: ReportQuery, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
    return this.file(filter, user, 'xlsx');
  }

  @Get('rejections')
  @Roles(...REPORT_ROLES)
  @ApiOperation({ summary: SUMMARY })
  @ApiOkResponse({ description: '{ asOf, groupBy, projectId, from, to, columns, items: [{ …dims, reason, rejected }], total }' })
  async json(@Query() filter: ReportQuery, @CurrentUser() user: AuthUser): Promise<RejectionsReport['scope'] & ReportJson> {
    const report = await this.report(filter, user);
    return { ...report.scope, ...reportJson(report.table) };
  }

  private report(filter: ReportQuery, user: AuthUser): Promise<RejectionsReport> {
    return this.queries.execute(new GetRejectionsQuery(filter, user));
  }

  private async file(filter: ReportQuery, user: AuthUser, format: FileFormat): Promise<StreamableFile> {
    return reportFile((await this.report(filter, user)).table, format);
  }
}
