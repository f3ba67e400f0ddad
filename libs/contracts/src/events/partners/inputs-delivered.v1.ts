import { IsInt, IsString, IsUUID, Matches, Min, MinLength } from 'class-validator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';

export class InputsDeliveredV1 {
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

  @IsString()
  @MinLength(1)
  items!: string;

  @IsInt()
  @Min(1)
  quantity!: number;

  @IsInt()
  @Min(0)
  unitCostFen!: number;

  /** quantity × unit cost. */
  @IsInt()
  @Min(0)
  valueFen!: number;

  @IsBusinessDate()
  deliveredOn!: string;

  /** The first delivery + the programme’s grow-out days. */
  @IsBusinessDate()
  expectedBuybackDate!: string;
}

export const InputsDelivered = defineEvent({
  type: 'InputsDelivered',
  version: 1,
  producer: 'partners',
  payload: InputsDeliveredV1,
  description: 'The partner delivered inputs (breeding stock, spawn) to an enrolled mother, as it says; her acknowledgement follows (key = enrolment id).',
});
