import { EntryKind, LedgerAccount } from './ledger';

/**
 * The figures of a revolving fund, derived from its ledger and nothing else (no balance row):
 * the sum of the lines per round, account and kind of movement is enough for every one of them.
 * A correction counts as the kind of the entry it corrects, so reversing a disbursement lowers
 * what was disbursed.
 */
export interface LedgerSum {
  /** The round (批次) the lines carry; null for money given to no round. */
  round: number | null;
  account: LedgerAccount;
  kind: EntryKind;
  /** Fen, debit-positive, as the lines are. */
  sumFen: number;
}

export interface FundFigures {
  /** Pledged (stage committed). */
  committedFen: number;
  /** Arrived in the fund's account (stage received). */
  receivedFen: number;
  /** 到位率 = received ÷ committed, in basis points (10000 = 100.00%), half-up; null while nothing is committed. */
  arrivalRateBasisPoints: number | null;
  /** Principal lent out (cash to the card and inputs paid for in kind). */
  disbursedFen: number;
  /** Principal returned to the fund. */
  repaidFen: number;
  /** Principal still owed to the fund. */
  outstandingFen: number;
  /** Principal booked as the fund's loss. */
  writtenOffFen: number;
  /** The fund's cash: what it can lend now. */
  availableFen: number;
  /** 滚动率 = disbursed ÷ received, in basis points (25000 = the money lent 2.5 times), half-up; null while nothing is received. */
  revolvingRateBasisPoints: number | null;
  /** Fees and interest: the project office's income, outside the fund's identity. */
  feeIncomeFen: number;
}

export type RoundKey = number | 'unassigned';

export interface FundFiguresByRound extends FundFigures {
  round: RoundKey;
}

export interface FundReport extends FundFigures {
  /** received = available + outstanding + written off, to the fen. */
  identityHolds: boolean;
  /** The same figures per round, rounds in order and the money of no round last. */
  rounds: FundFiguresByRound[];
}

/** num ÷ den in basis points, rounded half-up, exactly (BigInt: no float near money); null for ÷ 0. */
export function ratioBasisPoints(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  const n = BigInt(numerator) * 10000n;
  const d = BigInt(denominator);
  const negative = n < 0n !== d < 0n;
  const [an, ad] = [n < 0n ? -n : n, d < 0n ? -d : d];
  const rounded = (2n * an + ad) / (2n * ad);
  return Number(negative ? -rounded : rounded);
}

function figuresOf(sums: readonly LedgerSum[]): FundFigures {
  const total = (account: LedgerAccount, kind?: EntryKind) =>
    sums.filter((s) => s.account === account && (kind === undefined || s.kind === kind)).reduce((sum, s) => sum + s.sumFen, 0);
  // Credit accounts (where the money came from, the fees earned) are negative in the ledger ("0 -" so that none is −0).
  const credited = (account: LedgerAccount) => 0 - total(account);
  const committedFen = credited('pledged_contributions');
  const receivedFen = credited('contributions');
  const disbursedFen = total('loans_receivable', 'disbursement');
  return {
    committedFen,
    receivedFen,
    arrivalRateBasisPoints: ratioBasisPoints(receivedFen, committedFen),
    disbursedFen,
    repaidFen: total('fund_cash', 'repayment'),
    outstandingFen: total('loans_receivable'),
    writtenOffFen: total('written_off_loss'),
    availableFen: total('fund_cash'),
    revolvingRateBasisPoints: ratioBasisPoints(disbursedFen, receivedFen),
    feeIncomeFen: credited('fee_income'),
  };
}

/** The fund identity of the programme, checked to the fen. */
export function identityHolds(f: Pick<FundFigures, 'receivedFen' | 'availableFen' | 'outstandingFen' | 'writtenOffFen'>): boolean {
  return f.receivedFen === f.availableFen + f.outstandingFen + f.writtenOffFen;
}

/**
 * The whole fund and each round. A round's figures are the lines that carry it: a loan's
 * movements carry its round, a contribution the round it names. So a round can show less
 * available than zero when it lent money given to no round; only the fund as a whole keeps
 * the identity.
 */
export function fundReport(sums: readonly LedgerSum[]): FundReport {
  const totals = figuresOf(sums);
  const keys = [...new Set(sums.map((s) => s.round))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a - b));
  return {
    ...totals,
    identityHolds: identityHolds(totals),
    rounds: keys.map((round) => ({ round: round ?? 'unassigned', ...figuresOf(sums.filter((s) => s.round === round)) })),
  };
}
