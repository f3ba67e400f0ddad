import { ApiPropertyOptional } from '@nestjs/swagger';
import { TOWNSHIP_CODE, VILLAGE_CODE } from '@xingfu/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { APPLICATION_STATUSES, ApplicationStatus } from '../../domain/application-status';

/** Far above any real list (the whole programme's 350,700 mothers are under 2,000 pages of 200). */
const MAX_PAGE = 100_000;
const MAX_PAGE_SIZE = 200;

export class ListApplicationsFilter {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;

  @ApiPropertyOptional({ example: '231085100' })
  @IsOptional()
  @Matches(TOWNSHIP_CODE)
  townshipCode?: string;

  @ApiPropertyOptional({ example: '231085100201' })
  @IsOptional()
  @Matches(VILLAGE_CODE)
  villageCode?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @ApiPropertyOptional({ example: 'mushroom' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  industry?: string;

  // Bounded so that the offset (page - 1) * pageSize stays an exact integer PostgreSQL takes.
  @ApiPropertyOptional({ default: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ default: 50, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

