import { IsInt, IsUUID, Min } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';

export class LoanDefaultedV1 {
  @IsUUID()
  loanId!: string;

  /** The approved application the loan was made from: guarantees finds the mother's guarantee by it. */
  @IsUUID()
  applicationId!: string;

  @IsUUID()
  projectId!: string;

  /** The business date the loan was declared in default (90+ days past due by default). */
  @IsBusinessDate()
  defaultedOn!: string;

  /** Days the oldest unpaid instalment is past due on that date. */
  @IsInt()
  @Min(1)
  daysPastDue!: number;

  /** Everything fallen due and unpaid (interest, then principal), in fen: what each guarantor is liable for. */
  @IsInt()
  @Min(1)
  overdueFen!: number;

  /** The principal still outstanding, fallen due or not, in fen. */
  @IsInt()
  @Min(0)
  outstandingPrincipalFen!: number;
}

export const LoanDefaulted = defineEvent({
  type: 'LoanDefaulted',
  version: 1,
  producer: 'loans',
  payload: LoanDefaultedV1,
  description: 'A loan is in default (past the project’s default threshold): its guarantee is invoked (key = loan id).',
});
