/** A project's totals as one side keeps them, in fen. */
export interface ProjectTotals {
  disbursed: number;
  repaidPrincipal: number;
  writtenOff: number;
}

export type DriftFigure = 'disbursed' | 'repaid_principal' | 'written_off';

export interface DriftLine {
  figure: DriftFigure;
  reportingFen: number;
  ledgerFen: number;
  differenceFen: number;
}

const FIGURES: readonly [DriftFigure, keyof ProjectTotals][] = [
  ['disbursed', 'disbursed'],
  ['repaid_principal', 'repaidPrincipal'],
  ['written_off', 'writtenOff'],
];

export const NO_TOTALS: ProjectTotals = { disbursed: 0, repaidPrincipal: 0, writtenOff: 0 };

/**
 * Every figure with reporting − ledger, or null when they all agree (a project one side does
 * not know counts as zeros there).
 */
export function driftOf(reporting: ProjectTotals, ledger: ProjectTotals): DriftLine[] | null {
  const lines = FIGURES.map(([figure, field]) => ({ figure, reportingFen: reporting[field], ledgerFen: ledger[field], differenceFen: reporting[field] - ledger[field] }));
  return lines.some((l) => l.differenceFen !== 0) ? lines : null;
}
