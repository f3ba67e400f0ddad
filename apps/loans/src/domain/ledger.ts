/**
 * The revolving fund's double-entry ledger (every movement one balanced entry over named
 * accounts). A line's amount is signed: positive debits the account, negative credits it.
 *
 * The fund's own money moves between fund_cash, loans_receivable and written_off_loss, and
 * contributions is where it came from, so in every balanced history
 *   received (−contributions) = available (fund_cash) + outstanding (loans_receivable) + written off.
 * Fees and interest pay the county project office, not the fund: they have their own pair of
 * accounts and never enter the identity. Pledges (committed, not yet received) are memo lines.
 */
export const LEDGER_ACCOUNTS = [
  'contributions',
  'fund_cash',
  'loans_receivable',
  'written_off_loss',
  'fee_cash',
  'fee_income',
  'pledges_receivable',
  'pledged_contributions',
] as const;
export type LedgerAccount = (typeof LEDGER_ACCOUNTS)[number];

export const ENTRY_KINDS = ['contribution_committed', 'contribution_received', 'disbursement', 'repayment', 'write_off', 'correction'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export interface LedgerLine {
  account: LedgerAccount;
  /** Fen; positive = debit, negative = credit. Never 0. */
  amountFen: number;
}

export class UnbalancedEntryError extends Error {}

/** A safe integer, not zero, and the lines add up to nothing: or it is not an entry. */
export function assertBalanced(lines: readonly LedgerLine[]): void {
  if (lines.length < 2) throw new UnbalancedEntryError('an entry has at least two lines');
  for (const line of lines) {
    if (!Number.isSafeInteger(line.amountFen) || line.amountFen === 0) throw new UnbalancedEntryError(`a line of ${line.account} must be a whole, non-zero number of fen`);
    if (!LEDGER_ACCOUNTS.includes(line.account)) throw new UnbalancedEntryError(`unknown account ${line.account}`);
  }
  const sum = lines.reduce((total, line) => total + line.amountFen, 0);
  if (sum !== 0) throw new UnbalancedEntryError(`the entry does not balance: debits and credits differ by ${sum} fen`);
}

/** Drops the zero lines of a movement that has optional parts (e.g. no fee). */
const lines = (...all: LedgerLine[]): LedgerLine[] => all.filter((l) => l.amountFen !== 0);

export const ledgerEntries = {
  contributionCommitted: (amountFen: number) => lines({ account: 'pledges_receivable', amountFen }, { account: 'pledged_contributions', amountFen: -amountFen }),
  contributionReceived: (amountFen: number) => lines({ account: 'fund_cash', amountFen }, { account: 'contributions', amountFen: -amountFen }),
  /** Cash to her benefit card and the inputs the fund pays a partner for: both leave the fund's cash. */
  disbursement: (principalFen: number) => lines({ account: 'loans_receivable', amountFen: principalFen }, { account: 'fund_cash', amountFen: -principalFen }),
  /** Principal returns to the fund; a fee goes to the project office's own account. */
  repayment: (principalFen: number, feeFen: number) =>
    lines(
      { account: 'fund_cash', amountFen: principalFen },
      { account: 'loans_receivable', amountFen: -principalFen },
      { account: 'fee_cash', amountFen: feeFen },
      { account: 'fee_income', amountFen: -feeFen },
    ),
  writeOff: (lossFen: number) => lines({ account: 'written_off_loss', amountFen: lossFen }, { account: 'loans_receivable', amountFen: -lossFen }),
  /** A correction is a new entry: the exact reverse of the lines it corrects. */
  reversal: (original: readonly LedgerLine[]) => original.map((l) => ({ account: l.account, amountFen: -l.amountFen })),
};
