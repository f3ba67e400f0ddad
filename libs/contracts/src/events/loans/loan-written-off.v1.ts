import { IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';

export class LoanWrittenOffV1 {
  @IsUUID()
  loanId!: string;

  @IsUUID()
  applicationId!: string;

  @IsUUID()
  projectId!: string;

  /** The business date the foundation approved the write-off. */
  @IsBusinessDate()
  writtenOffOn!: string;

  /** What was written off, in fen: the loss booked to the revolving fund. */
  @IsInt()
  @Min(1)
  lossFen!: number;

  /** The foundation's reason, when it wrote off before the guarantors' demands were 30 days old. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export const LoanWrittenOff = defineEvent({
  type: 'LoanWrittenOff',
  version: 1,
  producer: 'loans',
  payload: LoanWrittenOffV1,
  description: 'The foundation wrote a defaulted loan off as a loss to the fund; its guarantee closes with outcome loss (key = loan id).',
});
