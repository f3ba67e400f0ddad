import { IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';

export class GuaranteeEffectiveV1 {
  @IsUUID()
  guaranteeId!: string;

  @IsUUID()
  applicationId!: string;

  @IsUUID()
  projectId!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @IsBusinessDate()
  effectiveOn!: string;

  /**
   * The guarantor household's phone, sealed with the PII key as guarantees stores it: reminders
   * texts the household when an instalment is 15 days late. Optional, so older events still read.
   */
  @IsOptional()
  @IsString()
  householdPhoneSealed?: string;
}

export const GuaranteeEffective = defineEvent({
  type: 'GuaranteeEffective',
  version: 1,
  producer: 'guarantees',
  payload: GuaranteeEffectiveV1,
  description: 'All three parties signed: the loan agreement may now be signed (key = guarantee id).',
});
