import { fundReport, identityHolds, LedgerSum, ratioBasisPoints } from './fund-figures';
import { EntryKind, ledgerEntries, LedgerLine } from './ledger';

/** The sums the database would give for these entries (grouped by round, account and kind). */
function sumsOf(entries: { kind: EntryKind; round: number | null; lines: LedgerLine[] }[]): LedgerSum[] {
  const byKey = new Map<string, LedgerSum>();
  for (const e of entries) {
    for (const l of e.lines) {
      const key = `${e.round}|${l.account}|${e.kind}`;
      const sum = byKey.get(key) ?? { round: e.round, account: l.account, kind: e.kind, sumFen: 0 };
      sum.sumFen += l.amountFen;
      byKey.set(key, sum);
    }
  }
  return [...byKey.values()];
}

describe('ratioBasisPoints', () => {
  it('gives basis points rounded half-up, exactly', () => {
    expect(ratioBasisPoints(1, 3)).toBe(3333);
    expect(ratioBasisPoints(2, 3)).toBe(6667);
    expect(ratioBasisPoints(1, 20000)).toBe(1); // 0.5 bp rounds up
    expect(ratioBasisPoints(1, 20001)).toBe(0);
    expect(ratioBasisPoints(400_000_00, 800_000_00)).toBe(5000);
    expect(ratioBasisPoints(2_000_000_00, 800_000_00)).toBe(25000);
  });

  it('is null for a zero denominator (nothing committed, nothing received)', () => {
    expect(ratioBasisPoints(5, 0)).toBeNull();
    expect(ratioBasisPoints(0, 0)).toBeNull();
  });

  it('stays exact beyond what a float product would hold', () => {
    expect(ratioBasisPoints(9_999_999_999, 10_000_000_000)).toBe(10000);
    // 9999.5 bp exactly rounds up; one fen less, down.
    expect(ratioBasisPoints(9_999_500_000, 10_000_000_000)).toBe(10000);
    expect(ratioBasisPoints(9_999_499_999, 10_000_000_000)).toBe(9999);
  });
});

describe('fundReport', () => {
  it('reads a fund of 800,000 yuan half arrived, lent, partly repaid, one loan written off', () => {
    const sut = fundReport(
      sumsOf([
        { kind: 'contribution_committed', round: null, lines: ledgerEntries.contributionCommitted(40_000_000) },
        { kind: 'contribution_committed', round: null, lines: ledgerEntries.contributionCommitted(40_000_000) },
        { kind: 'contribution_received', round: null, lines: ledgerEntries.contributionReceived(40_000_000) },
        { kind: 'disbursement', round: 1, lines: ledgerEntries.disbursement(300_000) },
        { kind: 'disbursement', round: 1, lines: ledgerEntries.disbursement(500_000) },
        { kind: 'repayment', round: 1, lines: ledgerEntries.repayment(300_000, 9_000) },
        { kind: 'write_off', round: 1, lines: ledgerEntries.writeOff(200_000) },
      ]),
    );
    expect(sut).toMatchObject({
      committedFen: 80_000_000,
      receivedFen: 40_000_000,
      arrivalRateBasisPoints: 5000,
      disbursedFen: 800_000,
      repaidFen: 300_000,
      outstandingFen: 300_000,
      writtenOffFen: 200_000,
      availableFen: 39_500_000,
      revolvingRateBasisPoints: 200,
      feeIncomeFen: 9_000,
      identityHolds: true,
    });
    expect(sut.rounds.map((r) => r.round)).toEqual([1, 'unassigned']);
    // Round 1 lent money given to no round: its own cash is below zero, the fund's is not.
    expect(sut.rounds[0]).toMatchObject({ round: 1, receivedFen: 0, disbursedFen: 800_000, repaidFen: 300_000, availableFen: -500_000, revolvingRateBasisPoints: null });
    expect(sut.rounds[1]).toMatchObject({ round: 'unassigned', committedFen: 80_000_000, receivedFen: 40_000_000, availableFen: 40_000_000, arrivalRateBasisPoints: 5000 });
  });

  it('has no rates while nothing is committed or received, and an empty fund keeps the identity', () => {
    const sut = fundReport([]);
    expect(sut).toMatchObject({ committedFen: 0, receivedFen: 0, arrivalRateBasisPoints: null, revolvingRateBasisPoints: null, identityHolds: true, rounds: [] });
  });

  it('counts a correction as the kind it corrects: a reversed disbursement is not disbursed', () => {
    const disbursed = ledgerEntries.disbursement(300_000);
    const sut = fundReport(
      sumsOf([
        { kind: 'contribution_received', round: 2, lines: ledgerEntries.contributionReceived(1_000_000) },
        { kind: 'disbursement', round: 2, lines: disbursed },
        // The query files a correction under the corrected entry's kind.
        { kind: 'disbursement', round: 2, lines: ledgerEntries.reversal(disbursed) },
      ]),
    );
    expect(sut).toMatchObject({ disbursedFen: 0, outstandingFen: 0, availableFen: 1_000_000, identityHolds: true });
    expect(sut.rounds).toEqual([expect.objectContaining({ round: 2, receivedFen: 1_000_000, disbursedFen: 0 })]);
  });

  it('orders the rounds and puts the money of no round last', () => {
    const sut = fundReport(
      sumsOf([
        { kind: 'contribution_received', round: null, lines: ledgerEntries.contributionReceived(100) },
        { kind: 'contribution_received', round: 10, lines: ledgerEntries.contributionReceived(100) },
        { kind: 'contribution_received', round: 2, lines: ledgerEntries.contributionReceived(100) },
      ]),
    );
    expect(sut.rounds.map((r) => r.round)).toEqual([2, 10, 'unassigned']);
  });
});

describe('identityHolds', () => {
  it('fails by one fen', () => {
    expect(identityHolds({ receivedFen: 100, availableFen: 50, outstandingFen: 30, writtenOffFen: 20 })).toBe(true);
    expect(identityHolds({ receivedFen: 100, availableFen: 50, outstandingFen: 30, writtenOffFen: 19 })).toBe(false);
  });
});
