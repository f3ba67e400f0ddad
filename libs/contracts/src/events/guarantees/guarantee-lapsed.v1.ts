import { IsUUID, Matches } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';

export class GuaranteeLapsedV1 {
  @IsUUID()
  guaranteeId!: string;

  @IsUUID()
  applicationId!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @IsBusinessDate()
  deadline!: string;

  @IsBusinessDate()
  lapsedOn!: string;
}

export const GuaranteeLapsed = defineEvent({
  type: 'GuaranteeLapsed',
  version: 1,
  producer: 'guarantees',
  payload: GuaranteeLapsedV1,
  description: 'The guarantee was not effective by its deadline (found by the daily sweep on the business date) (key = guarantee id).',
});
