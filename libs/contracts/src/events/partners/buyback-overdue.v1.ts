import { IsUUID, Matches } from 'class-validator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';

export class BuybackOverdueV1 {
  @IsUUID()
  enrolmentId!: string;

  @IsUUID()
  applicationId!: string;

  @IsUUID()
  projectId!: string;

  @IsUUID()
  partnerId!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @IsBusinessDate()
  expectedBuybackDate!: string;

  @IsBusinessDate()
  flaggedOn!: string;
}

export const BuybackOverdue = defineEvent({
  type: 'BuybackOverdue',
  version: 1,
  producer: 'partners',
  payload: BuybackOverdueV1,
  description: 'The partner has not come back to buy 30 days after the expected buyback date (first delivery + grow-out): the enrolment is flagged buyback_overdue (key = enrolment id).',
});
