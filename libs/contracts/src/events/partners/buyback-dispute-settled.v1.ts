import { IsIn, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';
import { BuybackFiguresV1, SETTLEMENT_OUTCOMES, SettlementOutcome } from './shared-types';

export class BuybackDisputeSettledV1 {
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

  @IsIn(SETTLEMENT_OUTCOMES)
  outcome!: SettlementOutcome;

  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;

  @IsBusinessDate()
  settledOn!: string;

  /** The figures that stand (as recorded when upheld, the corrected ones, or the voided ones). */
  @ValidateNested()
  @Type(() => BuybackFiguresV1)
  figures!: BuybackFiguresV1;
}

export const BuybackDisputeSettled = defineEvent({
  type: 'BuybackDisputeSettled',
  version: 1,
  producer: 'partners',
  payload: BuybackDisputeSettledV1,
  description: 'The project manager settled a disputed buyback: upheld or corrected (BuybackConfirmed follows with the final figures) or voided (key = enrolment id).',
});
