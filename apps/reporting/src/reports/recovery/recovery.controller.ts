import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@xingfu/auth';
import { ReportQuery } from '../query/report-query.dto';
import { FileFormat, reportFile, ReportJson, reportJson } from '../shared/report-format';
import { REPORT_ROLES } from '../shared/report-roles';
import { GetRecoveryQuery } from './get-recovery.query';
import { RecoveryReport } from './get-recovery.handler';

const SUMMARY =
  '回收率 in your scope: of the instalments due up to the business date (from/to: by due date), what fell due and what of it was repaid. Grouped by the month it fell due unless groupBy says otherwise.';

/** GET /reports/recovery, and the same as .csv and .xlsx (literal routes first, as the portfolio's). */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class RecoveryController {
  constructor(private readonly queries: QueryBus) {}

  @Get('recovery.csv')
  @Roles(...REPORT_ROLES)
  @ApiOperation({ summary: `${SUMMARY} As CSV (UTF-8 with BOM, Chinese headers, yuan).` })
  @ApiProduces('text/csv')
  csv(@Query() filter: ReportQuery, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
    return this.file(filter, user, 'csv');
  }

  @Get('recovery.xlsx')
  @Roles(...REPORT_ROLES)
  @ApiOperation({ summary: `${SUMMARY} As an Excel workbook.` })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  xlsx(@Query() filter: ReportQuery, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
    return this.file(filter, user, 'xlsx');
  }

  @Get('recovery')
  @Roles(...REPORT_ROLES)
  @ApiOperation({ summary: SUMMARY })
  @ApiOkResponse({ description: '{ asOf, groupBy, projectId, from, to, columns, items: [{ month, recoveryRate, paidFen, dueFen, unpaidFen, duePrincipalFen }], total }' })
  async json(@Query() filter: ReportQuery, @CurrentUser() user: AuthUser): Promise<RecoveryReport['scope'] & ReportJson> {
    const report = await this.report(filter, user);
    return { ...report.scope, ...reportJson(report.table) };
  }

  private report(filter: ReportQuery, user: AuthUser): Promise<RecoveryReport> {
    return this.queries.execute(new GetRecoveryQuery(filter, user));
  }

  private async file(filter: ReportQuery, user: AuthUser, format: FileFormat): Promise<StreamableFile> {
    return reportFile((await this.report(filter, user)).table, format);
  }
}
