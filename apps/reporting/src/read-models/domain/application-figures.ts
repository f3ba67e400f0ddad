import { CellShare, monthOf } from './cell-dims';

/** An application as reporting knows it, from whichever of its events have arrived. */
export interface ApplicationFacts {
  project_id: string | null;
  county_code: string | null;
  township_code: string | null;
  village_code: string | null;
  industry: string | null;
  model: string | null;
  partner_id: string | null;
  round: number | null;
  submitted_on: string | null;
  eligible: boolean | null;
  approved_on: string | null;
  rejected: boolean;
  withdrawn: boolean;
  closed_on: string | null;
}

export interface FollowUpSummary {
  firstIncomeFen: number;
  latestIncomeFen: number;
}

export type ApplicationStatus = 'submitted' | 'eligible' | 'ineligible' | 'approved' | 'rejected' | 'withdrawn' | 'closed';

/** From the flags, not from the order the events came in: an end (closed, withdrawn, rejected) wins over a step. */
export function applicationStatus(a: ApplicationFacts): ApplicationStatus {
  if (a.closed_on) return 'closed';
  if (a.withdrawn) return 'withdrawn';
  if (a.rejected) return 'rejected';
  if (a.approved_on) return 'approved';
  if (a.eligible === true) return 'eligible';
  if (a.eligible === false) return 'ineligible';
  return 'submitted';
}

/**
 * 脱贫: her household's latest income estimate is above the project's aid-standard income
 * ceiling (the line that made her eligible). Unknown (null) until both are known.
 */
export function outOfPoverty(latestIncomeFen: number | null, incomeCeilingFen: number | null): boolean | null {
  if (latestIncomeFen === null || incomeCeilingFen === null) return null;
  return latestIncomeFen > incomeCeilingFen;
}

/**
 * What an application adds to the portfolio cells: nothing until its survey (ApplicationSubmitted,
 * which carries the dims) has arrived; then one in its cell, with its follow-ups.
 */
export function applicationShares(a: ApplicationFacts, followUp: FollowUpSummary | null, poverty: boolean | null): CellShare[] {
  if (!a.submitted_on || !a.project_id || !a.county_code || !a.township_code || !a.village_code || !a.industry || !a.model) return [];
  const values: Record<string, number> = {
    applicants: 1,
    eligible: a.eligible === true ? 1 : 0,
    approved: a.approved_on ? 1 : 0,
    rejected: a.rejected ? 1 : 0,
    withdrawn: a.withdrawn ? 1 : 0,
    followed_up: followUp ? 1 : 0,
    out_of_poverty: followUp && poverty === true ? 1 : 0,
    first_income_fen: followUp?.firstIncomeFen ?? 0,
    latest_income_fen: followUp?.latestIncomeFen ?? 0,
  };
  return [
    {
      key: {
        project_id: a.project_id,
        county_code: a.county_code,
        township_code: a.township_code,
        village_code: a.village_code,
        industry: a.industry,
        model: a.model,
        partner_id: a.partner_id ?? '',
        round: a.round ?? 0,
        month: monthOf(a.submitted_on),
      },
      values,
    },
  ];
}
