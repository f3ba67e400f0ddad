import { Fen } from '@xingfu/kernel';

/** Principal still owed: lent, less repaid principal, less what was written off as the fund's loss (never fees). */
export function outstandingFen(principalFen: Fen, repaidPrincipalFen: Fen, writtenOffFen: Fen): Fen {
  return principalFen - repaidPrincipalFen - writtenOffFen;
}
