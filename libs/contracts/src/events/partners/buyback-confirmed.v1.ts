import { IsUUID, Matches, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';
import { BuybackFiguresV1 } from './shared-types';

export class BuybackConfirmedV1 {
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

  @IsBusinessDate()
  confirmedOn!: string;

  /** The final figures: loanWithheldFen is what loans posts. */
  @ValidateNested()
  @Type(() => BuybackFiguresV1)
  figures!: BuybackFiguresV1;
}

export const BuybackConfirmed = defineEvent({
  type: 'BuybackConfirmed',
  version: 1,
  producer: 'partners',
  payload: BuybackConfirmedV1,
  description: 'A buyback is final (confirmed by the officer for the mother, or upheld or corrected by the project manager): loans posts the withheld amount as a repayment with source buyback, keyed by this event’s id (key = enrolment id).',
});
