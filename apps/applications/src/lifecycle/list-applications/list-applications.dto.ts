import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@xingfu/common';
import { TOWNSHIP_CODE, VILLAGE_CODE } from '@xingfu/contracts';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { APPLICATION_STATUSES, ApplicationStatus } from '../../domain/application-status';

/** Far above any real list (the whole programme's 350,700 mothers are under 2,000 pages of 200). */

export class ListApplicationsFilter extends PageQuery {
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
}

