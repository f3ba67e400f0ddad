import { IsIn, IsInt, IsUUID, Min, ValidateIf } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';
import { GUARANTOR_ROLES, GuarantorRole } from '../guarantees/shared-types';

/** Who paid: the mother (cash or transfer), a partner's buyback deduction, or a guarantor of the loan. */
export const REPAYMENT_SOURCES = ['mother', 'buyback', 'guarantor'] as const;
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

  @IsIn(REPAYMENT_SOURCES)
  source!: RepaymentSource;

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
  description: 'A repayment was posted to a loan, with its source (a guarantor’s names the party’s role) (key = loan id).',
});
