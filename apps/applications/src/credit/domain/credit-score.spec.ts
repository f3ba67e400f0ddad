import { DEFAULT_CREDIT_WEIGHTS } from '../../domain/project-policy';
import { creditScore, gradeFor, UngradedScoreError } from './credit-score';

const grades = [
  { grade: 'A', minScore: 85, maxScore: 100, ceilingFen: 5000000 },
  { grade: 'B', minScore: 70, maxScore: 84, ceilingFen: 3000000 },
  { grade: 'C', minScore: 60, maxScore: 69, ceilingFen: 1000000 },
  { grade: 'D', minScore: 0, maxScore: 59, ceilingFen: 0 },
];

describe('credit score', () => {
  it('weights honesty 70, labour 20, income 10 by default', () => {
    expect(creditScore({ honesty: 90, labour: 80, income: 50 }, DEFAULT_CREDIT_WEIGHTS)).toBe(84);
    expect(creditScore({ honesty: 100, labour: 0, income: 0 }, DEFAULT_CREDIT_WEIGHTS)).toBe(70);
  });

  it('rounds half up to a whole point', () => {
    expect(creditScore({ honesty: 95, labour: 90, income: 80 }, DEFAULT_CREDIT_WEIGHTS)).toBe(93); // 92.5
    expect(creditScore({ honesty: 65, labour: 60, income: 50 }, DEFAULT_CREDIT_WEIGHTS)).toBe(63); // 62.5
    expect(creditScore({ honesty: 64, labour: 60, income: 50 }, DEFAULT_CREDIT_WEIGHTS)).toBe(62); // 61.8
  });

  it('uses the project’s own weights', () => {
    expect(creditScore({ honesty: 100, labour: 0, income: 0 }, { honesty: 50, labour: 30, income: 20 })).toBe(50);
  });

  it('maps a score to its grade and ceiling, at the edges too', () => {
    expect(gradeFor(84, grades)).toMatchObject({ grade: 'B', ceilingFen: 3000000 });
    expect(gradeFor(85, grades).grade).toBe('A');
    expect(gradeFor(59, grades)).toMatchObject({ grade: 'D', ceilingFen: 0 });
  });

  it('refuses a score no grade covers', () => {
    expect(() => gradeFor(50, grades.slice(0, 3))).toThrow(UngradedScoreError);
  });
});
