import { IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';

export class BuybackDisputedV1 {
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
  buybackId!: string;

  @IsBusinessDate()
  disputedOn!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}

export const BuybackDisputed = defineEvent({
  type: 'BuybackDisputed',
  version: 1,
  producer: 'partners',
  payload: BuybackDisputedV1,
  description: 'The officer disputed a buyback on the mother’s behalf: nothing is withheld until the project manager settles it (key = enrolment id).',
});
