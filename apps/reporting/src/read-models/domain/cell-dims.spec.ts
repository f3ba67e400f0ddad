import { cellChanges, CellShare } from './cell-dims';

const key = (township: string, round = 1) => ({ township, round });

describe('cellChanges', () => {
  it('applies new − old per cell, dropping what did not change', () => {
    const before: CellShare<object>[] = [{ key: key('a'), values: { disbursed_fen: 300000, repaid_principal_fen: 0 } }];
    const after: CellShare<object>[] = [{ key: key('a'), values: { disbursed_fen: 300000, repaid_principal_fen: 100000 } }];
    const sut = cellChanges(before, after);
    expect(sut).toEqual([{ key: key('a'), values: { repaid_principal_fen: 100000 } }]);
  });

  it('moves a fact whose key changed: minus from the old cell, plus to the new one', () => {
    const sut = cellChanges([{ key: key('a', 0), values: { applicants: 1 } }], [{ key: key('a', 2), values: { applicants: 1 } }]);
    expect(sut).toEqual([
      { key: key('a', 0), values: { applicants: -1 } },
      { key: key('a', 2), values: { applicants: 1 } },
    ]);
  });

  it('merges the shares of several facts and orders the cells the same whatever the key’s field order', () => {
    const sut = cellChanges([], [
      { key: { township: 'b', round: 1 }, values: { applicants: 1 } },
      { key: { round: 1, township: 'a' }, values: { applicants: 1 } },
      { key: { round: 1, township: 'b' }, values: { applicants: 1 } },
    ]);
    expect(sut.map((c) => [c.key, c.values.applicants])).toEqual([
      [{ round: 1, township: 'a' }, 1],
      [{ township: 'b', round: 1 }, 2],
    ]);
  });

  it('is nothing when the shares are the same', () => {
    const share = { key: key('a'), values: { applicants: 1 } };
    expect(cellChanges([share], [share])).toEqual([]);
  });
});
