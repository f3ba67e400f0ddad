import { IsIn, IsUUID, Matches } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';
import { GUARANTOR_ROLES, GuarantorRole } from './shared-types';

export class GuarantorReplacedV1 {
  @IsUUID()
  guaranteeId!: string;

  @IsUUID()
  applicationId!: string;

  @IsIn(GUARANTOR_ROLES)
  role!: GuarantorRole;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @IsBusinessDate()
  replacedOn!: string;
}

export const GuarantorReplaced = defineEvent({
  type: 'GuarantorReplaced',
  version: 1,
  producer: 'guarantees',
  payload: GuarantorReplacedV1,
  description: 'A party (declined or not yet signed) was replaced by another, who has still to sign (key = guarantee id).',
});
