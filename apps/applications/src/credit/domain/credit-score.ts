import { CreditGrade, CreditWeights } from '../../domain/project-policy';

/** Component scores 0–100 from village meetings and home visits (诚信评议). */
export interface CreditComponents {
  honesty: number;
  labour: number;
  income: number;
}

/** Weighted score, rounded half up to a whole point, in integer arithmetic. */
export function creditScore(c: CreditComponents, w: CreditWeights): number {
  const total = w.honesty + w.labour + w.income;
  const weighted = c.honesty * w.honesty + c.labour * w.labour + c.income * w.income;
  return Math.floor((2 * weighted + total) / (2 * total));
}

export class UngradedScoreError extends Error {
  constructor(readonly score: number) {
    super(`no credit grade covers the score ${score}`);
  }
}

export function gradeFor(score: number, grades: CreditGrade[]): CreditGrade {
  const grade = grades.find((g) => score >= g.minScore && score <= g.maxScore);
  if (!grade) throw new UngradedScoreError(score);
  return grade;
}
