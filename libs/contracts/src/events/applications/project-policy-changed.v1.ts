import { Type } from 'class-transformer';
import { IsArray, IsInt, IsString, IsUUID, Matches, Min, ValidateNested } from 'class-validator';
import { COUNTY_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';
import { AidStandardV1, CreditGradeV1, CreditWeightsV1, LoanPolicyV1 } from './shared-types';

export class ProjectPolicyChangedV1 {
  @IsUUID()
  projectId!: string;

  @Matches(COUNTY_CODE)
  countyCode!: string;

  @IsInt()
  @Min(2)
  policyVersion!: number;

  /** Names of the parts that changed (aidStandard, loanPolicy, creditGrades, creditWeights, publicNoticeDays); every part is carried, changed or not. */
  @IsArray()
  @IsString({ each: true })
  changed!: string[];

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

export const ProjectPolicyChanged = defineEvent({
  type: 'ProjectPolicyChanged',
  version: 1,
  producer: 'applications',
  payload: ProjectPolicyChangedV1,
  description: 'A project’s policy changed; screenings after it use the new version.',
});
