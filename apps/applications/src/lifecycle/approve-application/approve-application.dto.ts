import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DISBURSEMENT_MODES, DisbursementMode, REPAYMENT_PLAN_KINDS, RepaymentPlanKind } from '@xingfu/contracts';
import { IsFen, MAX_AMOUNT_FEN, IsNotBlank, IsSaneDate } from '@xingfu/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { POLICY_LIMITS } from '../../projects/domain/policy-rules';

export class InstalmentDto {
  @ApiProperty({ example: '2027-06-30' })
  @IsSaneDate()
  dueDate!: string;

  @ApiProperty({ example: 400000, minimum: 1, maximum: MAX_AMOUNT_FEN })
  @IsFen({ min: 1 })
  amountFen!: number;
}

export class RepaymentPlanDto {
  @ApiProperty({ enum: REPAYMENT_PLAN_KINDS })
  @IsIn(REPAYMENT_PLAN_KINDS)
  kind!: RepaymentPlanKind;

  @ApiPropertyOptional({ type: [InstalmentDto], description: 'Custom plans only: dated amounts summing to the loan, e.g. aligned to harvest.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  // ValidateNested passes an array where an element object should be (it validates its items): refuse it here.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => InstalmentDto)
  instalments?: InstalmentDto[];
}

export class ApproveApplicationDto {
  @ApiProperty({ example: 1000000, minimum: 1, maximum: MAX_AMOUNT_FEN, description: 'Loan amount, fen.' })
  @IsFen({ min: 1 })
  amountFen!: number;

  // The project's own term range is checked too; this bound only keeps date arithmetic in the calendar.
  @ApiProperty({ example: 12, maximum: POLICY_LIMITS.maxTermMonths })
  @IsInt()
  @Min(1)
  @Max(POLICY_LIMITS.maxTermMonths)
  termMonths!: number;

  @ApiProperty({ type: RepaymentPlanDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RepaymentPlanDto)
  repaymentPlan!: RepaymentPlanDto;

  @ApiProperty({ enum: DISBURSEMENT_MODES })
  @IsIn(DISBURSEMENT_MODES)
  disbursementMode!: DisbursementMode;

  @ApiPropertyOptional({ description: 'The partner for company / lead_farmer / park models (defaults to the survey’s).' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  partnerId?: string;
}
