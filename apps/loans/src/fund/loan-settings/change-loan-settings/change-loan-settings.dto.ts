import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class ChangeLoanSettingsDto {
  @ApiProperty({ example: 90, minimum: 1, maximum: 365, description: 'Days past due at which a loan defaults (LoanDefaulted, the guarantee invoked).' })
  @IsInt()
  @Min(1)
  @Max(365)
  defaultThresholdDays!: number;

  @ApiProperty({ example: 0, minimum: 0, maximum: 10000, description: 'Interest subsidy (贴息) in basis points a year: only on a project charging interest, at most its rate; stops while a loan is overdue.' })
  @IsInt()
  @Min(0)
  @Max(10000)
  interestSubsidyBasisPoints!: number;
}
