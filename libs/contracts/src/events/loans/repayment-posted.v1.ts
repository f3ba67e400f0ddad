import { IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';
import { GUARANTOR_ROLES, GuarantorRole } from '../guarantees/shared-types';

/** How the money came: cash collected by an officer, a bank transfer, a partner's buyback deduction, or a guarantor of the loan. */
export const REPAYMENT_SOURCES = ['cash', 'transfer', 'buyback', 'guarantor'] as const;
export type RepaymentSource = (typeof REPAYMENT_SOURCES)[number];

export class RepaymentPostedV1 {
  @IsUUID()
  repaymentId!: string;

  @IsUUID()
  loanId!: string;

  @IsUUID()
  applicationId!: string;

  @IsUUID()
  projectId!: string;

  @IsBusinessDate()
  postedOn!: string;

  @IsInt()
  @Min(1)
  amountFen!: number;

  /** What went to the management fee or interest (paid first). */
  @IsInt()
  @Min(0)
  feeFen!: number;

  /** What went to principal, oldest instalment first; it returns to the revolving fund. */
  @IsInt()
  @Min(0)
  principalFen!: number;

  /** The principal still outstanding after this posting. */
  @IsInt()
  @Min(0)
  outstandingPrincipalFen!: number;

  @IsIn(REPAYMENT_SOURCES)
  source!: RepaymentSource;

  /** The receipt, transfer or buyback reference the officer gave. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;

  /** Which party of the guarantee paid; present exactly when the source is a guarantor. */
  @ValidateIf((o: RepaymentPostedV1) => o.source === 'guarantor' || o.guarantorRole !== undefined)
  @IsIn(GUARANTOR_ROLES)
  guarantorRole?: GuarantorRole;
}

export const RepaymentPosted = defineEvent({
  type: 'RepaymentPosted',
  version: 1,
  producer: 'loans',
  payload: RepaymentPostedV1,
  description: 'A repayment was posted to a loan, with its allocation (fee, then principal) and its source (a guarantor’s names the party’s role) (key = loan id).',
});
