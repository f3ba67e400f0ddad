import { InstalmentFacts, LoanFacts, loanShares, loanState } from './loan-figures';

const loan = (o: Partial<LoanFacts> = {}): LoanFacts => ({
  project_id: 'p', county_code: '231085', township_code: '231085100', village_code: '231085100001', industry: 'pig', model: 'self',
  partner_id: null, round: 1, disbursed_on: '2026-03-01', principal_fen: 400000, repaid_principal_fen: 0, repaid_fee_fen: 0,
  written_off_fen: 0, defaulted_on: null, written_off_on: null, repaid_on: null, schedule_version: 1, ...o,
});
const instalment = (o: Partial<InstalmentFacts>): InstalmentFacts => ({
  schedule_version: 1, seq: 1, due_date: '2026-04-01', principal_fen: 100000, fee_fen: 0, paid_on: null, overdue_bucket: null, overdue_as_of: null, ...o,
});

describe('loanState', () => {
  it('is active and current with the whole principal outstanding when nothing is late', () => {
    expect(loanState(loan(), [instalment({})])).toEqual({ status: 'active', outstandingFen: 400000, bucket: 'current', bucketAsOf: null });
  });

  it('takes the worst bucket of an unpaid instalment of the current schedule, as of the latest sweep', () => {
    const sut = loanState(loan({ repaid_principal_fen: 100000 }), [
      instalment({ seq: 1, overdue_bucket: '31-60', overdue_as_of: '2026-06-01', paid_on: '2026-06-05' }), // paid: no longer late
      instalment({ seq: 2, overdue_bucket: '1-30', overdue_as_of: '2026-06-02' }),
      instalment({ seq: 3, overdue_bucket: '31-60', overdue_as_of: '2026-07-02' }),
    ]);
    expect(sut).toEqual({ status: 'active', outstandingFen: 300000, bucket: '31-60', bucketAsOf: '2026-07-02' });
  });

  it('forgets the arrears of a schedule a reschedule replaced', () => {
    const sut = loanState(loan({ schedule_version: 2 }), [instalment({ schedule_version: 1, overdue_bucket: '61-90', overdue_as_of: '2026-07-01' })]);
    expect(sut.bucket).toBe('current');
  });

  it('owes nothing once written off or repaid, whatever was late', () => {
    const late = [instalment({ overdue_bucket: '90+', overdue_as_of: '2026-07-01' })];
    expect(loanState(loan({ defaulted_on: '2026-07-01', written_off_on: '2026-09-01', written_off_fen: 250000 }), late)).toEqual({
      status: 'written_off', outstandingFen: 0, bucket: 'current', bucketAsOf: null,
    });
    expect(loanState(loan({ repaid_on: '2026-08-01', repaid_principal_fen: 400000 }), late).status).toBe('repaid');
  });

  it('keeps a defaulted loan at risk until it is written off', () => {
    const sut = loanState(loan({ defaulted_on: '2026-07-01' }), [instalment({ overdue_bucket: '90+', overdue_as_of: '2026-07-01' })]);
    expect(sut).toMatchObject({ status: 'defaulted', outstandingFen: 400000, bucket: '90+' });
  });
});

describe('loanShares', () => {
  it('counts nothing before the loan is disbursed (its dims come with LoanDisbursed)', () => {
    const sut = loan({ disbursed_on: null, project_id: null });
    expect(loanShares(sut, loanState(sut, []))).toEqual([]);
  });

  it('puts the outstanding principal in PAR1 and PAR30 (not PAR90) for a loan 31–60 days late, in its disbursement month', () => {
    const l = loan({ partner_id: null, repaid_principal_fen: 50000 });
    const [sut] = loanShares(l, loanState(l, [instalment({ overdue_bucket: '31-60', overdue_as_of: '2026-06-01' })]));
    expect(sut.key).toMatchObject({ partner_id: '', round: 1, month: '2026-03' });
    expect(sut.values).toMatchObject({ disbursed_count: 1, disbursed_fen: 400000, principal_outstanding_fen: 350000, par1_fen: 350000, par30_fen: 350000, par90_fen: 0, par30_count: 1, active_count: 1 });
  });

  it('adds her application’s confirmed buybacks to her loan’s cell', () => {
    const l = loan();
    const [sut] = loanShares(l, loanState(l, []), { count: 1, grossFen: 2000000, netToMotherFen: 1548500 });
    expect(sut.values).toMatchObject({ buyback_count: 1, buyback_gross_fen: 2000000, buyback_net_to_mother_fen: 1548500 });
  });
});
