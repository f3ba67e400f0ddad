import { CellDims } from './cell-dims';
import { dueShares } from './due-allocation';
import { InstalmentFacts } from './loan-figures';

const dims: CellDims = { project_id: 'p', county_code: 'c', township_code: 't', village_code: 'v', industry: 'pig', model: 'self', partner_id: '', round: 1, month: '2026-03' };
const inst = (schedule_version: number, seq: number, due_date: string, principal_fen: number, fee_fen: number, paid_on: string | null = null): InstalmentFacts => ({
  schedule_version, seq, due_date, principal_fen, fee_fen, paid_on, overdue_bucket: null, overdue_as_of: null,
});
const figures = (shares: ReturnType<typeof dueShares>) => shares.map((s) => [s.share.key.due_date, s.share.values.due_fen, s.share.values.paid_fen]);

describe('dueShares', () => {
  it('allocates what was repaid oldest instalment first, never above an instalment’s due', () => {
    const sut = dueShares(dims, 1, [inst(1, 2, '2026-05-01', 100000, 1000), inst(1, 1, '2026-04-01', 100000, 1000), inst(1, 3, '2026-06-01', 100000, 1000)], 150000);
    expect(figures(sut)).toEqual([
      ['2026-04-01', 101000, 101000],
      ['2026-05-01', 101000, 49000],
      ['2026-06-01', 101000, 0],
    ]);
  });

  it('keeps an earlier schedule’s instalments paid in full and drops the ones a reschedule replaced', () => {
    const sut = dueShares(dims, 2, [
      inst(1, 1, '2026-04-01', 100000, 1000, '2026-04-01'),
      inst(1, 2, '2026-05-01', 100000, 1000),
      inst(2, 1, '2026-08-01', 70000, 500),
    ], 123000);
    expect(figures(sut)).toEqual([
      ['2026-04-01', 101000, 101000],
      ['2026-08-01', 70500, 22000],
    ]);
  });

  it('counts nothing before the loan is disbursed, nor an instalment known only from an ageing event', () => {
    expect(dueShares(null, 1, [inst(1, 1, '2026-04-01', 100000, 0)], 0)).toEqual([]);
    expect(dueShares(dims, 1, [{ ...inst(1, 1, '2026-04-01', 0, 0), principal_fen: null, fee_fen: null }], 0)).toEqual([]);
  });
});
