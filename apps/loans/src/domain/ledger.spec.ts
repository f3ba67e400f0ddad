import { fundReport, LedgerSum } from './fund-figures';
import { assertBalanced, EntryKind, ledgerEntries, LedgerLine, UnbalancedEntryError } from './ledger';

const sum = (lines: readonly LedgerLine[]) => lines.reduce((total, l) => total + l.amountFen, 0);

describe('ledgerEntries', () => {
  it.each([
    ['contributionCommitted', ledgerEntries.contributionCommitted(80_000_000), 2],
    ['contributionReceived', ledgerEntries.contributionReceived(40_000_000), 2],
    ['disbursement', ledgerEntries.disbursement(300_000), 2],
    ['repayment with a fee', ledgerEntries.repayment(100_000, 750), 4],
    ['repayment of principal only', ledgerEntries.repayment(100_000, 0), 2],
    ['repayment of a fee only', ledgerEntries.repayment(0, 750), 2],
    ['writeOff', ledgerEntries.writeOff(200_000), 2],
    ['reversal', ledgerEntries.reversal(ledgerEntries.repayment(100_000, 750)), 4],
  ])('%s balances, with no zero line', (_name, sut, lineCount) => {
    expect(() => assertBalanced(sut)).not.toThrow();
    expect(sum(sut)).toBe(0);
    expect(sut).toHaveLength(lineCount);
    expect(sut.every((l) => l.amountFen !== 0)).toBe(true);
  });

  it('books a disbursement as loans receivable debited and fund cash credited', () => {
    expect(ledgerEntries.disbursement(300_000)).toEqual([
      { account: 'loans_receivable', amountFen: 300_000 },
      { account: 'fund_cash', amountFen: -300_000 },
    ]);
  });

  it('keeps a fee out of the fund: fee cash and fee income, never fund cash', () => {
    const sut = ledgerEntries.repayment(100_000, 750);
    expect(sut.filter((l) => l.account === 'fund_cash')).toEqual([{ account: 'fund_cash', amountFen: 100_000 }]);
    expect(sut.filter((l) => l.account.startsWith('fee_'))).toEqual([
      { account: 'fee_cash', amountFen: 750 },
      { account: 'fee_income', amountFen: -750 },
    ]);
  });

  it('reverses an entry line by line, so the two together leave every account as it was', () => {
    const original = ledgerEntries.repayment(100_000, 750);
    const sut = ledgerEntries.reversal(original);
    expect(sut.map((l) => l.account)).toEqual(original.map((l) => l.account));
    for (const account of new Set(original.map((l) => l.account))) {
      expect(sum([...original, ...sut].filter((l) => l.account === account))).toBe(0);
    }
  });
});

describe('assertBalanced', () => {
  it('refuses an entry whose debits and credits differ, naming the difference', () => {
    expect(() =>
      assertBalanced([
        { account: 'fund_cash', amountFen: 100 },
        { account: 'contributions', amountFen: -99 },
      ]),
    ).toThrow(new UnbalancedEntryError('the entry does not balance: debits and credits differ by 1 fen'));
  });

  it.each([
    ['one line', [{ account: 'fund_cash', amountFen: 0 }]],
    ['a zero line', [{ account: 'fund_cash', amountFen: 0 }, { account: 'contributions', amountFen: 0 }]],
    ['fractional fen', [{ account: 'fund_cash', amountFen: 0.5 }, { account: 'contributions', amountFen: -0.5 }]],
    ['an unsafe integer', [{ account: 'fund_cash', amountFen: 2 ** 53 }, { account: 'contributions', amountFen: -(2 ** 53) }]],
    ['an unknown account', [{ account: 'petty_cash', amountFen: 5 }, { account: 'contributions', amountFen: -5 }]],
  ])('refuses %s', (_name, lines) => {
    expect(() => assertBalanced(lines as LedgerLine[])).toThrow(UnbalancedEntryError);
  });
});

/** mulberry32: a small seeded generator, so a failing sequence can be replayed from its seed. */
function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

interface Posted {
  kind: EntryKind;
  round: number | null;
  lines: LedgerLine[];
}

/**
 * A random history of a fund, as the services would book it: contributions, disbursements
 * only within the cash, repayments and write-offs only within a loan's outstanding principal,
 * and now and then a correction of an earlier entry (filed, as the query files it, under the
 * kind it corrects). Returns the entries and what an independent count says the figures are.
 */
function randomHistory(seed: number, steps: number) {
  const rnd = seeded(seed);
  const entries: Posted[] = [];
  const loans: { round: number; outstanding: number }[] = [];
  let cash = 0;
  const expected = { received: 0, disbursed: 0, repaid: 0, writtenOff: 0, fees: 0 };
  for (let i = 0; i < steps; i++) {
    const move = rnd.int(0, 9);
    const open = loans.filter((l) => l.outstanding > 0);
    if (move <= 1 || cash === 0) {
      const amount = rnd.int(1, 5_000_000);
      const round = rnd.next() < 0.5 ? null : rnd.int(1, 3);
      entries.push({ kind: 'contribution_committed', round, lines: ledgerEntries.contributionCommitted(amount + rnd.int(0, 1000)) });
      entries.push({ kind: 'contribution_received', round, lines: ledgerEntries.contributionReceived(amount) });
      cash += amount;
      expected.received += amount;
    } else if (move <= 4) {
      const principal = rnd.int(1, cash);
      const round = rnd.int(1, 3);
      entries.push({ kind: 'disbursement', round, lines: ledgerEntries.disbursement(principal) });
      loans.push({ round, outstanding: principal });
      cash -= principal;
      expected.disbursed += principal;
    } else if (move <= 7 && open.length) {
      const loan = open[rnd.int(0, open.length - 1)];
      const principal = rnd.int(0, loan.outstanding);
      const fee = principal === 0 ? rnd.int(1, 900) : rnd.int(0, 900);
      entries.push({ kind: 'repayment', round: loan.round, lines: ledgerEntries.repayment(principal, fee) });
      loan.outstanding -= principal;
      cash += principal;
      expected.repaid += principal;
      expected.fees += fee;
    } else if (move === 8 && open.length) {
      const loan = open[rnd.int(0, open.length - 1)];
      entries.push({ kind: 'write_off', round: loan.round, lines: ledgerEntries.writeOff(loan.outstanding) });
      expected.writtenOff += loan.outstanding;
      loan.outstanding = 0;
    } else {
      // A mistaken contribution received and its correction: the two cancel in every figure.
      const amount = rnd.int(1, 10_000);
      const wrong = ledgerEntries.contributionReceived(amount);
      entries.push({ kind: 'contribution_received', round: null, lines: wrong }, { kind: 'contribution_received', round: null, lines: ledgerEntries.reversal(wrong) });
    }
  }
  return { entries, expected, outstanding: loans.reduce((s, l) => s + l.outstanding, 0), cash };
}

function sumsOf(entries: Posted[]): LedgerSum[] {
  const byKey = new Map<string, LedgerSum>();
  for (const e of entries) {
    for (const l of e.lines) {
      const key = `${e.round}|${l.account}|${e.kind}`;
      const s = byKey.get(key) ?? { round: e.round, account: l.account, kind: e.kind, sumFen: 0 };
      s.sumFen += l.amountFen;
      byKey.set(key, s);
    }
  }
  return [...byKey.values()];
}

describe('the fund identity over random histories (seeded)', () => {
  it.each(Array.from({ length: 40 }, (_, i) => [1000 + i * 7919]))('holds after every movement of history %i: received = available + outstanding + written off', (seed) => {
    const { entries } = randomHistory(seed, 120);
    for (let n = 1; n <= entries.length; n++) {
      expect(() => assertBalanced(entries[n - 1].lines)).not.toThrow();
      const report = fundReport(sumsOf(entries.slice(0, n)));
      if (!report.identityHolds) throw new Error(`seed ${seed}: identity broken after entry ${n}: ${JSON.stringify(report)}`);
      expect(report.availableFen).toBeGreaterThanOrEqual(0);
    }
  });

  it.each(Array.from({ length: 20 }, (_, i) => [5 + i * 104729]))('gives the figures an independent count of history %i gives', (seed) => {
    const { entries, expected, outstanding, cash } = randomHistory(seed, 200);
    const sut = fundReport(sumsOf(entries));
    expect(sut).toMatchObject({
      receivedFen: expected.received,
      disbursedFen: expected.disbursed,
      repaidFen: expected.repaid,
      writtenOffFen: expected.writtenOff,
      feeIncomeFen: expected.fees,
      outstandingFen: outstanding,
      availableFen: cash,
      identityHolds: true,
    });
    // Rounds partition the fund: their figures add up to the whole.
    for (const figure of ['receivedFen', 'disbursedFen', 'repaidFen', 'outstandingFen', 'writtenOffFen', 'availableFen', 'feeIncomeFen', 'committedFen'] as const) {
      expect(sut.rounds.reduce((s, r) => s + r[figure], 0)).toBe(sut[figure]);
    }
  });
});
