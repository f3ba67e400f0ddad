import { DEFAULT_CREDIT_WEIGHTS } from '../../domain/project-policy';
import { changedParts, policyProblems, POLICY_LIMITS } from './policy-rules';

const policy = () => ({
  aidStandard: { incomeCeilingFenPerCapita: 300000, minAge: 18, maxAge: 65, familyPlanningStatuses: ['compliant'] },
  loanPolicy: { minAmountFen: 100000, maxAmountFen: 5000000, minTermMonths: 4, maxTermMonths: 36, repaymentPlans: ['bullet' as const], chargeKind: 'none' as const, rateBasisPoints: 0, defaultGraceDays: 0 },
  creditGrades: [
    { grade: 'A', minScore: 80, maxScore: 100, ceilingFen: 5000000 },
    { grade: 'B', minScore: 0, maxScore: 79, ceilingFen: 1000000 },
  ],
  creditWeights: { ...DEFAULT_CREDIT_WEIGHTS },
  publicNoticeDays: 7,
});

describe('project policy rules', () => {
  it('accepts a sound policy', () => {
    expect(policyProblems(policy())).toEqual({});
  });

  it('refuses inverted ranges, naming each field', () => {
    const p = policy();
    p.aidStandard.minAge = 70;
    p.loanPolicy.minAmountFen = 9000000;
    p.loanPolicy.minTermMonths = 48;
    expect(Object.keys(policyProblems(p)).sort()).toEqual(['aidStandard.minAge', 'loanPolicy.minAmountFen', 'loanPolicy.minTermMonths']);
  });

  it('refuses weights that do not add up to 100', () => {
    expect(policyProblems({ ...policy(), creditWeights: { honesty: 70, labour: 20, income: 20 } }).creditWeights).toBeDefined();
  });

  it('refuses a grade table with a gap or an overlap', () => {
    const gap = { ...policy(), creditGrades: [{ grade: 'A', minScore: 80, maxScore: 100, ceilingFen: 1 }, { grade: 'B', minScore: 0, maxScore: 70, ceilingFen: 1 }] };
    expect(policyProblems(gap).creditGrades).toEqual(['no grade covers scores 71–79']);
    const overlap = { ...policy(), creditGrades: [{ grade: 'A', minScore: 70, maxScore: 100, ceilingFen: 1 }, { grade: 'B', minScore: 0, maxScore: 79, ceilingFen: 1 }] };
    expect(policyProblems(overlap).creditGrades).toEqual(['grade A overlaps the grade below it']);
  });

  it('ties the rate to the kind of charge', () => {
    const p = policy();
    p.loanPolicy.rateBasisPoints = 300;
    expect(policyProblems(p)['loanPolicy.rateBasisPoints']).toBeDefined();
    expect(policyProblems({ ...p, loanPolicy: { ...p.loanPolicy, chargeKind: 'management_fee' as never } })).toEqual({});
  });

  it('refuses an empty grade table, duplicate grade names and a table that stops short of 100', () => {
    expect(policyProblems({ ...policy(), creditGrades: [] }).creditGrades).toEqual(['give at least one grade']);
    const dup = [{ grade: 'A', minScore: 50, maxScore: 100, ceilingFen: 1 }, { grade: 'A', minScore: 0, maxScore: 49, ceilingFen: 1 }];
    expect(policyProblems({ ...policy(), creditGrades: dup }).creditGrades).toEqual(['grade names must be unique']);
    const short = [{ grade: 'A', minScore: 0, maxScore: 90, ceilingFen: 1 }];
    expect(policyProblems({ ...policy(), creditGrades: short }).creditGrades).toEqual(['no grade covers scores 91–100']);
  });

  it('refuses no repayment plan, no qualifying status and a blank status', () => {
    const p = policy();
    p.loanPolicy.repaymentPlans = [];
    expect(Object.keys(policyProblems(p))).toEqual(['loanPolicy.repaymentPlans']);
    expect(policyProblems({ ...policy(), aidStandard: { ...policy().aidStandard, familyPlanningStatuses: [] } })['aidStandard.familyPlanningStatuses']).toBeDefined();
    expect(policyProblems({ ...policy(), aidStandard: { ...policy().aidStandard, familyPlanningStatuses: [' '] } })['aidStandard.familyPlanningStatuses']).toBeDefined();
  });

  it('refuses figures too large for the ledger, however well-formed', () => {
    const p = policy();
    p.loanPolicy.maxAmountFen = POLICY_LIMITS.maxFen + 1;
    p.loanPolicy.maxTermMonths = 1e300;
    p.aidStandard.incomeCeilingFenPerCapita = 1e300;
    expect(Object.keys(policyProblems(p)).sort()).toEqual(['aidStandard.incomeCeilingFenPerCapita', 'loanPolicy.maxAmountFen', 'loanPolicy.maxTermMonths']);
    expect(policyProblems({ ...policy(), creditGrades: [{ grade: 'A', minScore: 0, maxScore: 100, ceilingFen: 1e300 }] }).creditGrades).toHaveLength(1);
  });

  it('refuses blank or overlong labels and too many statuses', () => {
    const p = policy();
    p.aidStandard.familyPlanningStatuses = Array.from({ length: POLICY_LIMITS.maxStatuses + 1 }, (_, i) => `s${i}`);
    expect(policyProblems(p)['aidStandard.familyPlanningStatuses']).toEqual([`list at most ${POLICY_LIMITS.maxStatuses} statuses`]);
    const grades = [{ grade: ' ', minScore: 0, maxScore: 100, ceilingFen: 1 }];
    expect(policyProblems({ ...policy(), creditGrades: grades }).creditGrades).toEqual([`a grade name has 1–${POLICY_LIMITS.maxLabelLength} characters`]);
  });
});

describe('changed policy parts', () => {
  it('names only the parts whose value differs', () => {
    const current = policy();
    const sut = changedParts(current, { aidStandard: { ...current.aidStandard, incomeCeilingFenPerCapita: 400000 }, loanPolicy: { ...current.loanPolicy } });
    expect(sut).toEqual(['aidStandard']);
  });

  it('sees no change when a retry sends the same values in another key order', () => {
    const current = policy();
    const { familyPlanningStatuses, maxAge, minAge, incomeCeilingFenPerCapita } = current.aidStandard;
    expect(changedParts(current, { aidStandard: { familyPlanningStatuses, maxAge, minAge, incomeCeilingFenPerCapita }, publicNoticeDays: 7 })).toEqual([]);
  });

  it('lists several parts in a fixed order', () => {
    const current = policy();
    expect(changedParts(current, { publicNoticeDays: 10, creditWeights: { honesty: 60, labour: 30, income: 10 } })).toEqual(['creditWeights', 'publicNoticeDays']);
  });
});
