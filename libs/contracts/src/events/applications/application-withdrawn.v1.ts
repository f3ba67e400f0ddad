import { IsString, IsUUID, Matches } from 'class-validator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';

export class ApplicationWithdrawnV1 {
  @IsUUID()
  applicationId!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @IsString()
  fromStatus!: string;

  @IsString()
  reason!: string;
}

export const ApplicationWithdrawn = defineEvent({
  type: 'ApplicationWithdrawn',
  version: 1,
  producer: 'applications',
  payload: ApplicationWithdrawnV1,
  description: 'The mother withdrew her application.',
});
