import { IsInt, IsUUID, Min } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';

export class LoanRepaidV1 {
  @IsUUID()
  loanId!: string;

  /** The approved application the loan was made from: applications closes it, so the mother may apply again. */
  @IsUUID()
  applicationId!: string;

  @IsUUID()
  projectId!: string;

  /** The business date of the payment that settled the loan. */
  @IsBusinessDate()
  repaidOn!: string;

  /** The principal lent and now recovered, in fen: what returns to the revolving fund. */
  @IsInt()
  @Min(1)
  principalFen!: number;
}

export const LoanRepaid = defineEvent({
  type: 'LoanRepaid',
  version: 1,
  producer: 'loans',
  payload: LoanRepaidV1,
  description: 'A loan is fully repaid: nothing is owed on it any more (key = loan id).',
});
