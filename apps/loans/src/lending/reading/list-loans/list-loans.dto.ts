import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@xingfu/common';
import { ARREARS_BUCKETS, ArrearsBucket, TOWNSHIP_CODE, VILLAGE_CODE } from '@xingfu/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { LOAN_STATUSES, LoanStatus } from '../../../domain/loan-status';

export class ListLoansFilter extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @ApiPropertyOptional({ example: '231085100' })
  @IsOptional()
  @Matches(TOWNSHIP_CODE)
  township?: string;

  @ApiPropertyOptional({ example: '231085100001' })
  @IsOptional()
  @Matches(VILLAGE_CODE)
  village?: string;

  @ApiPropertyOptional({ enum: LOAN_STATUSES })
  @IsOptional()
  @IsIn(LOAN_STATUSES)
  status?: LoanStatus;

  @ApiPropertyOptional({ enum: ARREARS_BUCKETS })
  @IsOptional()
  @IsIn(ARREARS_BUCKETS)
  bucket?: ArrearsBucket;

  @ApiPropertyOptional({ example: 'bama-pig-co' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  partnerId?: string;

  @ApiPropertyOptional({ example: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  round?: number;
}
