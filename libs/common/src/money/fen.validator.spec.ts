import { validateSync } from 'class-validator';
import { MAX_AMOUNT_FEN } from '@xingfu/kernel';
import { IsFen, isFenAmount } from './fen.validator';

class Sut {
  @IsFen() incomeFen!: unknown;
  @IsFen({ min: 1 }) loanFen!: unknown;
}

const failures = (incomeFen: unknown, loanFen: unknown = 1) =>
  validateSync(Object.assign(new Sut(), { incomeFen, loanFen })).map((e) => e.property);

describe('IsFen', () => {
  it('accepts whole fen from 0 to the ceiling', () => {
    expect(failures(0)).toEqual([]);
    expect(failures(MAX_AMOUNT_FEN)).toEqual([]);
  });

  it.each([
    ['a huge number isInt would pass', 1e308],
    ['one fen above the ceiling', MAX_AMOUNT_FEN + 1],
    ['an unsafe integer', Number.MAX_SAFE_INTEGER + 2],
    ['a negative amount', -1],
    ['a fraction of a fen', 1.5],
    ['a string', '100'],
    ['null', null],
    ['infinity', Infinity],
  ])('refuses %s', (_label, value) => {
    expect(failures(value)).toEqual(['incomeFen']);
  });

  it('takes a lower bound, and names the range in its message', () => {
    expect(failures(0, 0)).toEqual(['loanFen']);
    const [error] = validateSync(Object.assign(new Sut(), { incomeFen: 0, loanFen: 0 }));
    expect(Object.values(error.constraints ?? {})).toEqual([`loanFen must be a whole number of fen from 1 to ${MAX_AMOUNT_FEN}`]);
  });

  it('answers the same as a plain predicate', () => {
    expect(isFenAmount(5, { min: 1, max: 10 })).toBe(true);
    expect(isFenAmount(11, { min: 1, max: 10 })).toBe(false);
  });
});
