import { GuaranteeStep, standingAfter } from './guarantee-standing';

describe('standingAfter', () => {
  const opened = '2027-01-31';
  const sut = (step: GuaranteeStep) => standingAfter(step, opened);

  it('ranks the steps in the only order a guarantee takes them', () => {
    const steps: GuaranteeStep[] = [{ step: 'opened' }, { step: 'lapsed', deadline: opened }, { step: 'reopened' }, { step: 'lapsed', deadline: '2027-03-02' }];
    expect(steps.map((s) => sut(s).rank)).toEqual([0, 1, 2, 3]);
    expect([{ step: 'effective' }, { step: 'invoked' }, { step: 'released' }].map((s) => sut(s as GuaranteeStep).rank)).toEqual([4, 5, 6]);
  });

  it('tells the second lapse (after the deadline a reopening moved) from the first', () => {
    expect(sut({ step: 'lapsed', deadline: opened })).toEqual({ status: 'lapsed', rank: 1 });
    expect(sut({ step: 'lapsed', deadline: '2027-02-01' })).toEqual({ status: 'lapsed', rank: 3 });
  });

  it('reads a reopened guarantee as open again, above its first lapse and below effective', () => {
    const reopened = sut({ step: 'reopened' });
    expect(reopened.status).toBe('open');
    expect(reopened.rank).toBeGreaterThan(sut({ step: 'lapsed', deadline: opened }).rank);
    expect(reopened.rank).toBeLessThan(sut({ step: 'effective' }).rank);
  });
});
