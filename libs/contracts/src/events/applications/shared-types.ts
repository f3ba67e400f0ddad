import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength, ValidateNested } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';

import { CHARGE_KINDS, DISBURSEMENT_MODES, PROJECT_MODELS, REPAYMENT_PLAN_KINDS } from '@xingfu/kernel';
import type { ChargeKind, DisbursementMode, ProjectModel, RepaymentPlanKind } from '@xingfu/kernel';

export { CHARGE_KINDS, DISBURSEMENT_MODES, PROJECT_MODELS, REPAYMENT_PLAN_KINDS };
export type { ChargeKind, DisbursementMode, ProjectModel, RepaymentPlanKind };

export class DatedAmount {
  @IsBusinessDate()
  dueDate!: string;

  @IsInt()
  @Min(1)
  amountFen!: number;
}

export class AidStandardV1 {
  @IsInt()
  @Min(1)
  incomeCeilingFenPerCapita!: number;

  @IsInt()
  @Min(0)
  @Max(150)
  minAge!: number;

  @IsInt()
  @Min(0)
  @Max(150)
  maxAge!: number;

  @IsArray()
  @IsString({ each: true })
  familyPlanningStatuses!: string[];
}

export class LoanPolicyV1 {
  @IsInt()
  @Min(1)
  minAmountFen!: number;

  @IsInt()
  @Min(1)
  maxAmountFen!: number;

  @IsInt()
  @Min(1)
  minTermMonths!: number;

  @IsInt()
  @Min(1)
  maxTermMonths!: number;

  @IsArray()
  @IsIn(REPAYMENT_PLAN_KINDS, { each: true })
  repaymentPlans!: RepaymentPlanKind[];

  @IsIn(CHARGE_KINDS)
  chargeKind!: ChargeKind;

  /** Annual fee or interest in basis points (300 = 3%); 0 when chargeKind is none. */
  @IsInt()
  @Min(0)
  @Max(10000)
  rateBasisPoints!: number;

  @IsInt()
  @Min(0)
  defaultGraceDays!: number;
}

export class CreditGradeV1 {
  @IsString()
  @MinLength(1)
  grade!: string;

  @IsInt()
  @Min(0)
  @Max(100)
  minScore!: number;

  @IsInt()
  @Min(0)
  @Max(100)
  maxScore!: number;

  @IsInt()
  @Min(0)
  ceilingFen!: number;
}

/** Weights of the credit components in percent, adding up to 100 (the published scheme: 70 / 20 / 10). */
export class CreditWeightsV1 {
  @IsInt()
  @Min(0)
  @Max(100)
  honesty!: number;

  @IsInt()
  @Min(0)
  @Max(100)
  labour!: number;

  @IsInt()
  @Min(0)
  @Max(100)
  income!: number;
}

export class RepaymentPlanV1 {
  @IsIn(REPAYMENT_PLAN_KINDS)
  kind!: RepaymentPlanKind;

  /** Only for custom plans: the dated amounts, summing to the principal. */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DatedAmount)
  instalments?: DatedAmount[];
}

export class ScreeningCheckV1 {
  @IsString()
  rule!: string;

  @IsString()
  value!: string;

  @IsIn(['pass', 'fail'])
  outcome!: 'pass' | 'fail';

  @IsString()
  reason!: string;
}
