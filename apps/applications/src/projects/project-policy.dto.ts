import { ApiProperty } from '@nestjs/swagger';
import { AidStandardV1, CHARGE_KINDS, ChargeKind, CreditGradeV1, LoanPolicyV1, REPAYMENT_PLAN_KINDS, RepaymentPlanKind } from '@xingfu/contracts';
import { IsInt, Max, Min } from 'class-validator';

/*
 * The policy parts as a request body. Each class extends the contract class the events carry, so
 * what the API accepts is exactly what ProjectRegistered / ProjectPolicyChanged validate. The
 * redeclared fields add ONLY their Swagger documentation: a class-validator decorator here would
 * make class-validator drop every inherited one of that field (it keeps one set per field), so
 * further limits live in domain/policy-rules.ts.
 */

export class AidStandardDto extends AidStandardV1 {
  @ApiProperty({ example: 300000, description: 'Per-capita household income must be BELOW this, fen per person per year.' })
  override incomeCeilingFenPerCapita!: number;

  @ApiProperty({ example: 18 })
  override minAge!: number;

  @ApiProperty({ example: 65 })
  override maxAge!: number;

  @ApiProperty({ example: ['compliant', 'one_child', 'two_daughters'], description: 'Family-planning statuses that qualify.' })
  override familyPlanningStatuses!: string[];
}

export class LoanPolicyDto extends LoanPolicyV1 {
  @ApiProperty({ example: 100000, description: 'Smallest loan, fen.' })
  override minAmountFen!: number;

  @ApiProperty({ example: 5000000, description: 'Largest loan, fen.' })
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

  @ApiProperty({ example: 5000000, description: 'The most that may be lent at this grade, fen.' })
  override ceilingFen!: number;
}

export class CreditWeightsDto {
  @ApiProperty({ example: 70 }) @IsInt() @Min(0) @Max(100) honesty!: number;
  @ApiProperty({ example: 20 }) @IsInt() @Min(0) @Max(100) labour!: number;
  @ApiProperty({ example: 10 }) @IsInt() @Min(0) @Max(100) income!: number;
}
