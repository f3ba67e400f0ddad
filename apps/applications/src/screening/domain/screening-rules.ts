import { ageOn } from '@xingfu/kernel';
import { AidStandard } from '../../domain/project-policy';

/** What screening looks at, taken from the survey and what the service knows of the mother. */
export interface ScreeningInput {
  birthDate: string;
  householdSize: number;
  labourers: number;
  annualIncomeFen: number;
  familyPlanningStatus: string;
  industry: string;
  projectDescription: string;
  /** True when another application of hers was approved and its loan is not known repaid. */
  hasUnpaidLoan: boolean;
}

export interface ScreeningCheck {
  rule: string;
  value: string;
  outcome: 'pass' | 'fail';
  reason: string;
}

/**
 * 选准项目: the money is for production, never a wedding, a house or consumption. One list, so
 * the rule can be read (and widened) in one place: industries refused by name, and words that
 * give a consumption use away in the description.
 */
export const NON_PRODUCTIVE_USES = {
  industries: ['wedding', 'housing', 'consumption'],
  descriptionWords: ['婚', '建房', '盖房', '消费'],
} as const;

const yuan = (fen: number) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function check(rule: string, value: string, pass: boolean, passReason: string, failReason: string): ScreeningCheck {
  return { rule, value, outcome: pass ? 'pass' : 'fail', reason: pass ? passReason : failReason };
}

/** The project's aid standard applied to one mother, rule by rule, each with its reason. */
export function screen(input: ScreeningInput, standard: AidStandard, today: string): { eligible: boolean; checks: ScreeningCheck[] } {
  // Submission refuses a birth date after the survey, so only a clock set back could get here: fail the age, do not throw.
  const age = input.birthDate <= today ? ageOn(input.birthDate, today) : -1;
  const perCapita = Math.floor(input.annualIncomeFen / input.householdSize);
  const industry = input.industry.trim();
  const description = input.projectDescription.trim();
  const productive =
    industry.length > 0 &&
    description.length > 0 &&
    !(NON_PRODUCTIVE_USES.industries as readonly string[]).includes(industry.toLowerCase()) &&
    !NON_PRODUCTIVE_USES.descriptionWords.some((w) => description.includes(w));
  const checks = [
    check('age', String(age), age >= standard.minAge && age <= standard.maxAge, `aged ${age}, within ${standard.minAge}–${standard.maxAge}`, `aged ${age}, outside ${standard.minAge}–${standard.maxAge}`),
    check(
      'per_capita_income',
      String(perCapita),
      perCapita < standard.incomeCeilingFenPerCapita,
      `per-capita income ${yuan(perCapita)} yuan is below the ceiling ${yuan(standard.incomeCeilingFenPerCapita)} yuan`,
      `per-capita income ${yuan(perCapita)} yuan is not below the ceiling ${yuan(standard.incomeCeilingFenPerCapita)} yuan`,
    ),
    check(
      'family_planning',
      input.familyPlanningStatus,
      standard.familyPlanningStatuses.includes(input.familyPlanningStatus),
      `family-planning status "${input.familyPlanningStatus}" qualifies`,
      `family-planning status "${input.familyPlanningStatus}" is not one of ${standard.familyPlanningStatuses.join(', ')}`,
    ),
    check('able_to_work', String(input.labourers), input.labourers >= 1, `${input.labourers} household member(s) able to work`, 'nobody in the household is able to work'),
    check(
      'production_project',
      industry,
      productive,
      `a production project: ${industry} (${description})`,
      industry && description ? `"${industry}: ${description}" is a consumption use (wedding, housing or consumption), not a production project` : 'no production project is named',
    ),
    check('no_unpaid_loan', String(input.hasUnpaidLoan), !input.hasUnpaidLoan, 'no unpaid 幸福工程 loan', 'she has a 幸福工程 loan not yet repaid'),
  ];
  return { eligible: checks.every((c) => c.outcome === 'pass'), checks };
}
