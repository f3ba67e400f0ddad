import { IsInt, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';

export class CreditAssessedV1 {
  @IsUUID()
  applicationId!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @IsInt()
  @Min(0)
  @Max(100)
  score!: number;

  @IsString()
  grade!: string;

  @IsInt()
  @Min(0)
  ceilingFen!: number;
}

export const CreditAssessed = defineEvent({
  type: 'CreditAssessed',
  version: 1,
  producer: 'applications',
  payload: CreditAssessedV1,
  description: 'The mother’s trustworthiness was scored (诚信) and graded, giving an amount ceiling.',
});
