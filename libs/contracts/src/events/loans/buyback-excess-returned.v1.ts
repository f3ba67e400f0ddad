import { IsInt, IsUUID, Min } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';

export class BuybackExcessReturnedV1 {
  @IsUUID()
  loanId!: string;

  @IsUUID()
  applicationId!: string;

  @IsUUID()
  projectId!: string;

  @IsUUID()
  buybackId!: string;

  /** The BuybackConfirmed event this answers (its id is the posting's idempotency key). */
  @IsUUID()
  buybackEventId!: string;

  /** What the partner withheld for the loan. */
  @IsInt()
  @Min(1)
  withheldFen!: number;

  /** What was posted to the loan (what it still owed; 0 when it was repaid already). */
  @IsInt()
  @Min(0)
  postedFen!: number;

  /** withheld − posted: the project office pays it back to the mother. */
  @IsInt()
  @Min(1)
  returnedFen!: number;

  @IsBusinessDate()
  returnedOn!: string;
}

export const BuybackExcessReturned = defineEvent({
  type: 'BuybackExcessReturned',
  version: 1,
  producer: 'loans',
  payload: BuybackExcessReturnedV1,
  description: 'A buyback withheld more than the loan still owed when loans posted it (the mother paid in between, or the loan was repaid): the rest is owed back to the mother (key = loan id).',
});
