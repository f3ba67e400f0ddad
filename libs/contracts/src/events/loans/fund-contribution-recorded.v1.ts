import { IsIn, IsInt, IsOptional, IsUUID, Matches, Min } from 'class-validator';
import { COUNTY_CODE } from '@xingfu/kernel';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';
import { CONTRIBUTION_SOURCES, CONTRIBUTION_STAGES, ContributionSource, ContributionStage } from './shared-types';

export class FundContributionRecordedV1 {
  @IsUUID()
  contributionId!: string;

  @IsUUID()
  projectId!: string;

  @Matches(COUNTY_CODE)
  countyCode!: string;

  @IsIn(CONTRIBUTION_SOURCES)
  source!: ContributionSource;

  @IsIn(CONTRIBUTION_STAGES)
  stage!: ContributionStage;

  @IsInt()
  @Min(1)
  amountFen!: number;

  @IsBusinessDate()
  date!: string;

  /** The round (批次) it is meant for, when the contribution names one. */
  @IsOptional()
  @IsInt()
  @Min(1)
  round?: number;
}

export const FundContributionRecorded = defineEvent({
  type: 'FundContributionRecorded',
  version: 1,
  producer: 'loans',
  payload: FundContributionRecordedV1,
  description: 'Money committed to, or received by, a project’s revolving fund (key = project id).',
});
