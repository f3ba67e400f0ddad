import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DatedAmount, DISBURSEMENT_MODES, DisbursementMode, REPAYMENT_PLAN_KINDS, RepaymentPlanKind } from '@xingfu/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';

export class RepaymentPlanDto {
  @ApiProperty({ enum: REPAYMENT_PLAN_KINDS })
  @IsIn(REPAYMENT_PLAN_KINDS)
  kind!: RepaymentPlanKind;

  @ApiPropertyOptional({ type: [DatedAmount], description: 'Custom plans only: dated amounts summing to the loan, e.g. aligned to harvest.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => DatedAmount)
  instalments?: DatedAmount[];
}

export class ApproveApplicationDto {
  @ApiProperty({ example: 1000000, description: 'Loan amount, fen.' })
  @IsInt()
  @Min(1)
  amountFen!: number;

  @ApiProperty({ example: 12 })
  @IsInt()
  @Min(1)
  termMonths!: number;

  @ApiProperty({ type: RepaymentPlanDto })
  @ValidateNested()
  @Type(() => RepaymentPlanDto)
  repaymentPlan!: RepaymentPlanDto;

  @ApiProperty({ enum: DISBURSEMENT_MODES })
  @IsIn(DISBURSEMENT_MODES)
  disbursementMode!: DisbursementMode;

  @ApiPropertyOptional({ description: 'The partner for company / lead_farmer / park models (defaults to the survey’s).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  partnerId?: string;
}
