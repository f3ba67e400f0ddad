import { ApiPropertyOptional } from '@nestjs/swagger';
import { TOWNSHIP_CODE } from '@xingfu/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { GUARANTEE_STATUSES, GuaranteeStatus } from '../../domain/guarantee-status';

const MAX_PAGE = 100_000;
const MAX_PAGE_SIZE = 200;

export class ListGuaranteesFilter {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  applicationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  loanId?: string;

  @ApiPropertyOptional({ enum: GUARANTEE_STATUSES })
  @IsOptional()
  @IsIn(GUARANTEE_STATUSES)
  status?: GuaranteeStatus;

  @ApiPropertyOptional({ example: '231085100' })
  @IsOptional()
  @Matches(TOWNSHIP_CODE)
  township?: string;

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

/** The page of a guarantor's list. */
export class GuarantorGuaranteesFilter {
  @ApiPropertyOptional({ default: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;
}
