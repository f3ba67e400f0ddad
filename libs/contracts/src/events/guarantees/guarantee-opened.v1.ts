import { IsUUID, Matches } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { COUNTY_CODE, TOWNSHIP_CODE, VILLAGE_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';

export class GuaranteeOpenedV1 {
  @IsUUID()
  guaranteeId!: string;

  @IsUUID()
  applicationId!: string;

  @IsUUID()
  projectId!: string;

  @Matches(COUNTY_CODE)
  countyCode!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @Matches(VILLAGE_CODE)
  villageCode!: string;

  @IsBusinessDate()
  openedOn!: string;

  /** The last business date on which it may take effect; after it, the daily sweep lapses it. */
  @IsBusinessDate()
  deadline!: string;
}

export const GuaranteeOpened = defineEvent({
  type: 'GuaranteeOpened',
  version: 1,
  producer: 'guarantees',
  payload: GuaranteeOpenedV1,
  description: 'A guarantee opened for an approved application, with the township and village named and the household still to be named (key = guarantee id).',
});
