import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Min, MinLength } from 'class-validator';
import { COUNTY_CODE, DISBURSEMENT_MODES, DisbursementMode, PROJECT_MODELS, ProjectModel, TOWNSHIP_CODE, VILLAGE_CODE } from '@xingfu/kernel';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';

export class LoanDisbursedV1 {
  @IsUUID()
  loanId!: string;

  @IsUUID()
  applicationId!: string;

  @IsUUID()
  projectId!: string;

  @Matches(COUNTY_CODE)
  countyCode!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @Matches(VILLAGE_CODE)
  villageCode!: string;

  @IsString()
  @MinLength(1)
  industry!: string;

  @IsIn(PROJECT_MODELS)
  model!: ProjectModel;

  @IsOptional()
  @IsString()
  partnerId?: string;

  /** The round (批次) of the project the loan went out in. */
  @IsInt()
  @Min(1)
  round!: number;

  @IsBusinessDate()
  disbursedOn!: string;

  @IsIn(DISBURSEMENT_MODES)
  disbursementMode!: DisbursementMode;

  /** The whole principal lent, in fen: cashFen + inKindFen. */
  @IsInt()
  @Min(1)
  principalFen!: number;

  /** Paid to the mother's own benefit card (一卡通). */
  @IsInt()
  @Min(0)
  cashFen!: number;

  /** Inputs supplied by a partner, valued in fen. */
  @IsInt()
  @Min(0)
  inKindFen!: number;

  @IsInt()
  @Min(1)
  termMonths!: number;

  @IsBusinessDate()
  maturityDate!: string;
}

export const LoanDisbursed = defineEvent({
  type: 'LoanDisbursed',
  version: 1,
  producer: 'loans',
  payload: LoanDisbursedV1,
  description: 'The fund paid a loan out, in cash to the mother’s benefit card, in kind, or both; the loan is active (key = loan id).',
});
