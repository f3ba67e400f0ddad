import { Type } from 'class-transformer';
import { IsArray, IsInt, IsString, IsUUID, Matches, Min, MinLength, ValidateNested } from 'class-validator';
import { COUNTY_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';
import { AidStandardV1, CreditGradeV1, CreditWeightsV1, LoanPolicyV1 } from './shared-types';

export class ProjectRegisteredV1 {
  @IsUUID()
  projectId!: string;

  @IsString()
  @MinLength(1)
  name!: string;

  @Matches(COUNTY_CODE)
  countyCode!: string;

  @IsInt()
  @Min(1)
  policyVersion!: number;

  @ValidateNested()
  @Type(() => AidStandardV1)
  aidStandard!: AidStandardV1;

  @ValidateNested()
  @Type(() => LoanPolicyV1)
  loanPolicy!: LoanPolicyV1;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CreditGradeV1)
  creditGrades!: CreditGradeV1[];

  @ValidateNested()
  @Type(() => CreditWeightsV1)
  creditWeights!: CreditWeightsV1;

  @IsInt()
  @Min(1)
  publicNoticeDays!: number;
}

export const ProjectRegistered = defineEvent({
  type: 'ProjectRegistered',
  version: 1,
  producer: 'applications',
  payload: ProjectRegisteredV1,
  description: 'A county project office registered a project with its aid standard, loan policy, credit grades and credit weights.',
});
