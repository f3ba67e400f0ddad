import { IsIn, IsString, IsUUID, Matches, MinLength } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';
import { GUARANTOR_ROLES, GuarantorRole } from './shared-types';

export class GuarantorDeclinedV1 {
  @IsUUID()
  guaranteeId!: string;

  @IsUUID()
  applicationId!: string;

  @IsIn(GUARANTOR_ROLES)
  role!: GuarantorRole;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @IsBusinessDate()
  declinedOn!: string;

  @IsString()
  @MinLength(1)
  reason!: string;
}

export const GuarantorDeclined = defineEvent({
  type: 'GuarantorDeclined',
  version: 1,
  producer: 'guarantees',
  payload: GuarantorDeclinedV1,
  description: 'One party declined to sign: it must be replaced before the guarantee can take effect (key = guarantee id).',
});
