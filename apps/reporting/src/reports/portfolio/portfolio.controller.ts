import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@xingfu/auth';
import { ReportQuery } from '../query/report-query.dto';
import { FileFormat, reportFile, ReportJson, reportJson } from '../shared/report-format';
import { REPORT_ROLES } from '../shared/report-roles';
import { GetPortfolioQuery } from './get-portfolio.query';
import { PortfolioReport } from './get-portfolio.handler';

const SUMMARY =
  'The portfolio in your scope, grouped (groupBy: project, county, township, village, industry, model, partner, round, month): applications, loans disbursed, repaid, outstanding, PAR1/30/90 (now), default rate, written off, 脱贫率 and income change; from/to pick months (disbursement, submission).';

/**
 * GET /reports/portfolio, and the same as .csv and .xlsx. The file routes are literal paths
 * declared first (Express matches routes in order; nothing here has a parameter that could
 * take "portfolio.csv", but the order keeps it so if one is added).
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class PortfolioController {
  constructor(private readonly queries: QueryBus) {}

  @Get('portfolio.csv')
  @Roles(...REPORT_ROLES)
  @ApiOperation({ summary: `${SUMMARY} As CSV (UTF-8 with BOM, Chinese headers, yuan).` })
  @ApiProduces('text/csv')
  csv(@Query() filter: ReportQuery, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
    return this.file(filter, user, 'csv');
  }

  @Get('portfolio.xlsx')
  @Roles(...REPORT_ROLES)
  @ApiOperation({ summary: `${SUMMARY} As an Excel workbook.` })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  xlsx(@Query() filter: ReportQuery, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
    return this.file(filter, user, 'xlsx');
  }

  @Get('portfolio')
  @Roles(...REPORT_ROLES)
  @ApiOperation({ summary: SUMMARY })
  @ApiOkResponse({ description: '{ asOf, groupBy, projectId, from, to, columns: [{ key, header, kind }], items, total }: fen and counts as integers, rates rounded to 4 decimals (null: nothing to divide by).' })
  async json(@Query() filter: ReportQuery, @CurrentUser() user: AuthUser): Promise<ReportPortfolioJson> {
    const report = await this.report(filter, user);
    return { ...report.scope, ...reportJson(report.table) };
  }

  private report(filter: ReportQuery, user: AuthUser): Promise<PortfolioReport> {
    return this.queries.execute(new GetPortfolioQuery(filter, user));
  }

  private async file(filter: ReportQuery, user: AuthUser, format: FileFormat): Promise<StreamableFile> {
    return reportFile((await this.report(filter, user)).table, format);
  }
}

type ReportPortfolioJson = PortfolioReport['scope'] & ReportJson;
