import { IsIn, IsString, IsUUID, Matches, MinLength } from 'class-validator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';

export class ApplicationRejectedV1 {
  @IsUUID()
  applicationId!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @IsString()
  fromStatus!: string;

  @IsString()
  @MinLength(1)
  reason!: string;

  @IsIn(['decision', 'objection_upheld'])
  cause!: 'decision' | 'objection_upheld';
}

export const ApplicationRejected = defineEvent({
  type: 'ApplicationRejected',
  version: 1,
  producer: 'applications',
  payload: ApplicationRejectedV1,
  description: 'An application was rejected at some open step, with the reason.',
});
