import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles, scopedWhere } from '@xingfu/auth';
import { DataSource } from 'typeorm';

export interface TownshipCount {
  townshipCode: string;
  countyCode: string;
  applications: number;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ApplicationsByTownshipController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('applications-by-township')
  @Roles('foundation', 'project_manager', 'officer', 'admin')
  @ApiOperation({ summary: 'Surveys submitted per township, within your scope.' })
  @ApiOkResponse({ description: '{ items: [{ townshipCode, countyCode, applications }] }' })
  async list(@CurrentUser() user: AuthUser): Promise<{ items: TownshipCount[] }> {
    const scope = scopedWhere(user, { township: 'r.township_code', county: 'r.county_code' });
    const rows: { township_code: string; county_code: string; applications: number }[] = await this.dataSource
      .createQueryBuilder()
      .select(['r.township_code AS township_code', 'r.county_code AS county_code', 'r.applications AS applications'])
      .from('reporting.applications_by_township', 'r')
      .where(scope.sql, scope.params)
      .orderBy('r.township_code')
      .getRawMany();
    return { items: rows.map((r) => ({ townshipCode: r.township_code, countyCode: r.county_code, applications: r.applications })) };
  }
}
