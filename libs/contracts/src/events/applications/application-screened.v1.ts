import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsInt, IsString, IsUUID, Matches, Min, ValidateNested } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';
import { ScreeningCheckV1 } from './shared-types';

export class ApplicationScreenedV1 {
  @IsUUID()
  applicationId!: string;

  @IsUUID()
  projectId!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @IsInt()
  @Min(1)
  policyVersion!: number;

  @IsBoolean()
  eligible!: boolean;

  @IsArray()
  @IsString({ each: true })
  failedRules!: string[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ScreeningCheckV1)
  checks!: ScreeningCheckV1[];

  @IsBusinessDate()
  screenedOn!: string;
}

export const ApplicationScreened = defineEvent({
  type: 'ApplicationScreened',
  version: 1,
  producer: 'applications',
  payload: ApplicationScreenedV1,
  description: 'The aid standard was applied to an application: eligible, or not with the failed rules.',
});
