import { fundFigures } from './fund-figures';

describe('fundFigures', () => {
  it('gives 到位率 and 滚动率 with their parts', () => {
    // 800,000 yuan pledged, 600,000 arrived; 900,000 lent so far (repaid money lent again).
    const sut = fundFigures({ committedFen: 80_000_000, receivedFen: 60_000_000, disbursedFen: 90_000_000, repaidPrincipalFen: 40_000_000, writtenOffFen: 100_000, outstandingFen: 49_900_000 });
    expect(sut.arrival).toEqual({ rate: 0.75, numerator: 60_000_000, denominator: 80_000_000 });
    expect(sut.revolving).toEqual({ rate: 1.5, numerator: 90_000_000, denominator: 60_000_000 });
  });

  it('has no rates before money is pledged or received', () => {
    const sut = fundFigures({ committedFen: 0, receivedFen: 0, disbursedFen: 0, repaidPrincipalFen: 0, writtenOffFen: 0, outstandingFen: 0 });
    expect([sut.arrival.rate, sut.revolving.rate]).toEqual([null, null]);
  });
});
