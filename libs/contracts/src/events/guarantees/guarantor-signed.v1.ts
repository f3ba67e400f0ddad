import { IsIn, IsUUID, Matches } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';
import { GUARANTOR_ROLES, GuarantorRole } from './shared-types';

export class GuarantorSignedV1 {
  @IsUUID()
  guaranteeId!: string;

  @IsUUID()
  applicationId!: string;

  @IsIn(GUARANTOR_ROLES)
  role!: GuarantorRole;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @IsBusinessDate()
  signedOn!: string;
}

export const GuarantorSigned = defineEvent({
  type: 'GuarantorSigned',
  version: 1,
  producer: 'guarantees',
  payload: GuarantorSignedV1,
  description: 'One party signed the guarantee (key = guarantee id).',
});
