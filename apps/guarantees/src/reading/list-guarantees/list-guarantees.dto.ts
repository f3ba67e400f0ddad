import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@xingfu/common';
import { TOWNSHIP_CODE } from '@xingfu/contracts';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { GUARANTEE_STATUSES, GuaranteeStatus } from '../../domain/guarantee-status';

export class ListGuaranteesFilter extends PageQuery {
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
}

/** The page of a guarantor's list. */
export class GuarantorGuaranteesFilter extends PageQuery {}
