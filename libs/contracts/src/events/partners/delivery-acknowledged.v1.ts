import { IsInt, IsUUID, Matches, Min } from 'class-validator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';

export class DeliveryAcknowledgedV1 {
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

  @IsUUID()
  deliveryId!: string;

  @IsInt()
  @Min(0)
  valueFen!: number;

  @IsBusinessDate()
  acknowledgedOn!: string;
}

export const DeliveryAcknowledged = defineEvent({
  type: 'DeliveryAcknowledged',
  version: 1,
  producer: 'partners',
  payload: DeliveryAcknowledgedV1,
  description: 'The officer recorded the mother’s acknowledgement of a delivery: both sides have confirmed it (key = enrolment id).',
});
