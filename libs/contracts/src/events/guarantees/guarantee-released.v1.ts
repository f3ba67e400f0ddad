import { IsIn, IsInt, IsUUID, Matches, Min } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';

/** released: the loan was repaid; loss: it was written off. */
export const GUARANTEE_OUTCOMES = ['released', 'loss'] as const;
export type GuaranteeOutcome = (typeof GUARANTEE_OUTCOMES)[number];

export class GuaranteeReleasedV1 {
  @IsUUID()
  guaranteeId!: string;

  @IsUUID()
  applicationId!: string;

  @IsUUID()
  loanId!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @IsIn(GUARANTEE_OUTCOMES)
  outcome!: GuaranteeOutcome;

  @IsBusinessDate()
  releasedOn!: string;

  /** What the guarantors paid towards the loan, in fen, all parties together. */
  @IsInt()
  @Min(0)
  paidByGuarantorsFen!: number;
}

export const GuaranteeReleased = defineEvent({
  type: 'GuaranteeReleased',
  version: 1,
  producer: 'guarantees',
  payload: GuaranteeReleasedV1,
  description: 'The guarantee ended: released when the loan was repaid (the household may guarantee another), or closed as a loss when it was written off; what each party paid stays on record (key = guarantee id).',
});
