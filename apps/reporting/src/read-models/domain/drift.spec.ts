import { driftOf, NO_TOTALS } from './drift';

describe('driftOf', () => {
  it('is null when every figure agrees', () => {
    const sut = driftOf({ disbursed: 900000, repaidPrincipal: 370000, writtenOff: 250000 }, { disbursed: 900000, repaidPrincipal: 370000, writtenOff: 250000 });
    expect(sut).toBeNull();
  });

  it('gives every figure, with reporting − ledger, when one differs', () => {
    const sut = driftOf({ disbursed: 900001, repaidPrincipal: 370000, writtenOff: 250000 }, { disbursed: 900000, repaidPrincipal: 370000, writtenOff: 250000 });
    expect(sut).toEqual([
      { figure: 'disbursed', reportingFen: 900001, ledgerFen: 900000, differenceFen: 1 },
      { figure: 'repaid_principal', reportingFen: 370000, ledgerFen: 370000, differenceFen: 0 },
      { figure: 'written_off', reportingFen: 250000, ledgerFen: 250000, differenceFen: 0 },
    ]);
  });

  it('counts a project reporting never heard of as all missing', () => {
    const sut = driftOf(NO_TOTALS, { disbursed: 300000, repaidPrincipal: 0, writtenOff: 0 });
    expect(sut?.[0]).toEqual({ figure: 'disbursed', reportingFen: 0, ledgerFen: 300000, differenceFen: -300000 });
  });
});
