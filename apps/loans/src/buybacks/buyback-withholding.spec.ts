import { splitWithholding } from './buyback-withholding';

describe('a buyback’s withholding against the loan', () => {
  it('is all posted when the loan owes at least as much', () => {
    expect(splitWithholding(200000, 500000)).toEqual({ postedFen: 200000, returnedFen: 0 });
    expect(splitWithholding(200000, 200000)).toEqual({ postedFen: 200000, returnedFen: 0 });
  });

  it('posts what is owed and returns the rest when the mother paid in between, to the fen', () => {
    expect(splitWithholding(200000, 199999)).toEqual({ postedFen: 199999, returnedFen: 1 });
  });

  it('returns it all when nothing is owed', () => {
    expect(splitWithholding(200000, 0)).toEqual({ postedFen: 0, returnedFen: 200000 });
  });
});
