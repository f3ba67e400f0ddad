import { ApiPropertyOptional } from '@nestjs/swagger';
import { TOWNSHIP_CODE, VILLAGE_CODE } from '@xingfu/contracts';
import { AuthUser } from '@xingfu/auth';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { APPLICATION_STATUSES, ApplicationStatus } from '../../domain/application-status';

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

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export class ListApplicationsQuery {
  constructor(
    readonly filter: ListApplicationsFilter,
    readonly user: AuthUser,
  ) {}
}
