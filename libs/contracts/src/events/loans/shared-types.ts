import 'reflect-metadata';
import { IsInt, Min } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';

/** The arrears buckets of the programme: days past due of the oldest unpaid instalment. */
export const ARREARS_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type ArrearsBucket = (typeof ARREARS_BUCKETS)[number];
/** The buckets an instalment can enter by ageing (InstalmentOverdue). */
export const OVERDUE_BUCKETS = ['1-30', '31-60', '61-90', '90+'] as const;
export type OverdueBucket = (typeof OVERDUE_BUCKETS)[number];

/** Where a fund's money comes from: the foundation's grant, the county's local match, a donor. */
export const CONTRIBUTION_SOURCES = ['foundation', 'local_match', 'donor'] as const;
export type ContributionSource = (typeof CONTRIBUTION_SOURCES)[number];
/** Committed (pledged) or received (arrived in the fund's account). */
export const CONTRIBUTION_STAGES = ['committed', 'received'] as const;
export type ContributionStage = (typeof CONTRIBUTION_STAGES)[number];

/** One instalment of a repayment schedule, as the events carry it. */
export class InstalmentV1 {
  /** 1, 2, … in due-date order within the schedule. */
  @IsInt()
  @Min(1)
  seq!: number;

  @IsBusinessDate()
  dueDate!: string;

  @IsInt()
  @Min(0)
  principalFen!: number;

  /** Management fee or interest payable with this instalment (0 for an interest-free loan). */
  @IsInt()
  @Min(0)
  feeFen!: number;
}

