import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsInt, IsUUID, ValidateNested } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';

/** The totals reporting reconciles with the loans ledger, per project. */
export const RECONCILED_FIGURES = ['disbursed', 'repaid_principal', 'written_off'] as const;
export type ReconciledFigure = (typeof RECONCILED_FIGURES)[number];

export class ReconciledFigureV1 {
  @IsIn(RECONCILED_FIGURES)
  figure!: ReconciledFigure;

  /** Reporting's total, in fen (the sum of its read model). */
  @IsInt()
  reportingFen!: number;

  /** The loans ledger's total, in fen (the book of record). */
  @IsInt()
  ledgerFen!: number;

  /** reportingFen − ledgerFen: positive when reporting shows more than the ledger holds. */
  @IsInt()
  differenceFen!: number;
}

export class ReportingDriftDetectedV1 {
  @IsUUID()
  projectId!: string;

  /** The business date the reconciliation ran for. */
  @IsBusinessDate()
  businessDate!: string;

  /** Every reconciled figure of the project, equal or not; at least one differs. */
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ReconciledFigureV1)
  figures!: ReconciledFigureV1[];
}

export const ReportingDriftDetected = defineEvent({
  type: 'ReportingDriftDetected',
  version: 1,
  producer: 'reporting',
  payload: ReportingDriftDetectedV1,
  description: 'The daily reconciliation found reporting’s disbursed, repaid principal or written-off total of a project different from the loans ledger’s, with the difference per figure (key = project id).',
});
