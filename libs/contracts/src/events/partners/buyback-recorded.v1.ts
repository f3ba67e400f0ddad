import { IsUUID, Matches, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';
import { BuybackFiguresV1 } from './shared-types';

export class BuybackRecordedV1 {
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
  boughtOn!: string;

  @ValidateNested()
  @Type(() => BuybackFiguresV1)
  figures!: BuybackFiguresV1;
}

export const BuybackRecorded = defineEvent({
  type: 'BuybackRecorded',
  version: 1,
  producer: 'partners',
  payload: BuybackRecordedV1,
  description: 'The partner recorded a buyback of the mother’s produce, its figures adding up to the fen; it waits for the officer’s confirmation (key = enrolment id).',
});
