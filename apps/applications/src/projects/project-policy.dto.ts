import { ApiProperty } from '@nestjs/swagger';
import { AidStandardV1, CHARGE_KINDS, ChargeKind, CreditGradeV1, CreditWeightsV1, LoanPolicyV1, REPAYMENT_PLAN_KINDS, RepaymentPlanKind } from '@xingfu/contracts';
import { IsFen, MAX_AMOUNT_FEN } from '@xingfu/common';

/*
 * The policy parts as a request body. Each class extends the contract class the events carry, so
 * what the API accepts always passes ProjectRegistered / ProjectPolicyChanged. The redeclared
 * fields add their Swagger documentation and, on amounts, IsFen: a class-validator decorator here
 * makes class-validator drop the inherited ones of that field (it keeps one set per field), which
 * is why IsFen carries the lower bound the contract's Min had. Further limits live in
 * domain/policy-rules.ts.
 */

export class AidStandardDto extends AidStandardV1 {
  @ApiProperty({ example: 300000, maximum: MAX_AMOUNT_FEN, description: 'Per-capita household income must be BELOW this, fen per person per year.' })
  @IsFen({ min: 1 })
  override incomeCeilingFenPerCapita!: number;

  @ApiProperty({ example: 18 })
  override minAge!: number;

  @ApiProperty({ example: 65 })
  override maxAge!: number;

  @ApiProperty({ example: ['compliant', 'one_child', 'two_daughters'], description: 'Family-planning statuses that qualify.' })
  override familyPlanningStatuses!: string[];
}

export class LoanPolicyDto extends LoanPolicyV1 {
  @ApiProperty({ example: 100000, maximum: MAX_AMOUNT_FEN, description: 'Smallest loan, fen.' })
  @IsFen({ min: 1 })
  override minAmountFen!: number;

  @ApiProperty({ example: 5000000, maximum: MAX_AMOUNT_FEN, description: 'Largest loan, fen.' })
  @IsFen({ min: 1 })
  override maxAmountFen!: number;

  @ApiProperty({ example: 4 })
  override minTermMonths!: number;

  @ApiProperty({ example: 36 })
  override maxTermMonths!: number;

  @ApiProperty({ enum: REPAYMENT_PLAN_KINDS, isArray: true, example: ['bullet', 'equal_monthly', 'custom'] })
  override repaymentPlans!: RepaymentPlanKind[];

  @ApiProperty({ enum: CHARGE_KINDS, example: 'none', description: 'Interest-free (none), an annual management fee (管理费), or interest.' })
  override chargeKind!: ChargeKind;

  @ApiProperty({ example: 0, description: 'Annual fee or interest in basis points (300 = 3%); 0 when chargeKind is none.' })
  override rateBasisPoints!: number;

  @ApiProperty({ example: 0, description: 'Days after a due date before an instalment counts as late.' })
  override defaultGraceDays!: number;
}

export class CreditGradeDto extends CreditGradeV1 {
  @ApiProperty({ example: 'A' })
  override grade!: string;

  @ApiProperty({ example: 85, description: 'Lowest score of the grade (inclusive).' })
  override minScore!: number;

  @ApiProperty({ example: 100, description: 'Highest score of the grade (inclusive).' })
  override maxScore!: number;

  @ApiProperty({ example: 5000000, maximum: MAX_AMOUNT_FEN, description: 'The most that may be lent at this grade, fen.' })
  @IsFen()
  override ceilingFen!: number;
}

export class CreditWeightsDto extends CreditWeightsV1 {
  @ApiProperty({ example: 70 })
  override honesty!: number;

  @ApiProperty({ example: 20 })
  override labour!: number;

  @ApiProperty({ example: 10 })
  override income!: number;
}
