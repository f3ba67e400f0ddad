import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Min, MinLength } from 'class-validator';
import { PROJECT_MODELS, ProjectModel } from './shared-types';
import { defineEvent } from '../../event-contract';
import { IsBusinessDate } from '../../business-date.decorator';
import { COUNTY_CODE, TOWNSHIP_CODE, VILLAGE_CODE } from '@xingfu/kernel';

export class ApplicationSubmittedV1 {
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

  /** Display form only (张*梅); the full name stays in `applications`. */
  @IsString()
  @MinLength(1)
  motherNameMasked!: string;

  /** Display form only (2301**********1234). */
  @IsString()
  @MinLength(1)
  idNumberMasked!: string;

  @IsString()
  @MinLength(1)
  industry!: string;

  @IsInt()
  @Min(0)
  requestedAmountFen!: number;

  @IsIn(PROJECT_MODELS)
  model!: ProjectModel;

  @IsOptional()
  @IsString()
  partnerId?: string;

  @IsBusinessDate()
  submittedOn!: string;
}

export const ApplicationSubmitted = defineEvent({
  type: 'ApplicationSubmitted',
  version: 1,
  producer: 'applications',
  payload: ApplicationSubmittedV1,
  description: 'A township officer recorded a survey (调查表) for a mother.',
});
