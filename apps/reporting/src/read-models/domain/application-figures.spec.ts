import { ApplicationFacts, applicationShares, applicationStatus, outOfPoverty } from './application-figures';

const submitted: ApplicationFacts = {
  project_id: 'p', county_code: '231085', township_code: '231085100', village_code: '231085100001', industry: 'pig', model: 'self',
  partner_id: null, round: null, submitted_on: '2026-02-01', eligible: null, approved_on: null, rejected: false, withdrawn: false, closed_on: null,
};

describe('applicationStatus', () => {
  it('lets an end win over a step, whatever order the events came in', () => {
    expect(applicationStatus({ ...submitted, eligible: true, approved_on: '2026-02-20', closed_on: '2026-04-22' })).toBe('closed');
    expect(applicationStatus({ ...submitted, eligible: false, rejected: true })).toBe('rejected');
    expect(applicationStatus({ ...submitted, withdrawn: true })).toBe('withdrawn');
    expect(applicationStatus({ ...submitted, eligible: true, approved_on: '2026-02-20' })).toBe('approved');
    expect(applicationStatus({ ...submitted, eligible: false })).toBe('ineligible');
    expect(applicationStatus(submitted)).toBe('submitted');
  });
});

describe('outOfPoverty', () => {
  it('is above the ceiling, not at it; unknown without both', () => {
    expect(outOfPoverty(400001, 400000)).toBe(true);
    expect(outOfPoverty(400000, 400000)).toBe(false);
    expect(outOfPoverty(null, 400000)).toBeNull();
    expect(outOfPoverty(500000, null)).toBeNull();
  });
});

describe('applicationShares', () => {
  it('counts nothing until the survey (with the dims) has arrived', () => {
    expect(applicationShares({ ...submitted, submitted_on: null }, null, null)).toEqual([]);
  });

  it('counts one applicant in her submission month, with her follow-ups', () => {
    const [sut] = applicationShares({ ...submitted, eligible: true, approved_on: '2026-02-20', round: 2 }, { firstIncomeFen: 300000, latestIncomeFen: 450000 }, true);
    expect(sut.key).toMatchObject({ partner_id: '', round: 2, month: '2026-02' });
    expect(sut.values).toEqual({
      applicants: 1, eligible: 1, approved: 1, rejected: 0, withdrawn: 0, followed_up: 1, out_of_poverty: 1, first_income_fen: 300000, latest_income_fen: 450000,
    });
  });
});
