import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles, scopeFilter } from '@xingfu/auth';
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
    const scope = scopeFilter(user);
    const rows: { township_code: string; county_code: string; applications: number }[] = await this.dataSource.query(
      `SELECT township_code, county_code, applications FROM reporting.applications_by_township
        WHERE ($1::text[] IS NULL OR township_code = ANY($1)) AND ($2::text[] IS NULL OR county_code = ANY($2))
        ORDER BY township_code`,
      [scope?.townships ?? null, scope?.counties ?? null],
    );
    return { items: rows.map((r) => ({ townshipCode: r.township_code, countyCode: r.county_code, applications: r.applications })) };
  }
}
