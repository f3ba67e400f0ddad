import { IsUUID, Matches } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';

export class GuaranteeReopenedV1 {
  @IsUUID()
  guaranteeId!: string;

  @IsUUID()
  applicationId!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @IsBusinessDate()
  reopenedOn!: string;

  @IsBusinessDate()
  deadline!: string;
}

export const GuaranteeReopened = defineEvent({
  type: 'GuaranteeReopened',
  version: 1,
  producer: 'guarantees',
  payload: GuaranteeReopenedV1,
  description: 'An officer reopened a lapsed guarantee (once), with a new deadline (key = guarantee id).',
});
