import { ApiProperty } from '@nestjs/swagger';
import { IsFen } from '@xingfu/common';
import { IsInt, Max, Min } from 'class-validator';

/** A buyback's figures as the partner (or the settling manager) gives them: grams and fen, all integer. */
export class BuybackFiguresDto {
  @ApiProperty({ example: 10 })
  @IsInt()
  @Min(1)
  @Max(100000)
  headCount!: number;

  @ApiProperty({ example: 152345, description: 'Total live weight in grams.' })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  totalWeightGrams!: number;

  @ApiProperty({ example: 2800, description: 'Price per kg in fen: not below the programme’s floor price.' })
  @IsFen({ min: 1, max: 10_000_000 })
  pricePerKgFen!: number;

  @ApiProperty({ example: 2900, description: 'The day’s market reference per kg, in fen.' })
  @IsFen({ max: 10_000_000 })
  marketReferencePerKgFen!: number;

  @ApiProperty({ example: 426566, description: 'weight (g) × price (fen/kg) ÷ 1000, rounded half up to the fen.' })
  @IsFen()
  grossFen!: number;

  @ApiProperty({ example: 120000, description: 'The partner’s advance for the stock, recovered (programme cost borne by the partner, rule delivered_cost; otherwise 0).' })
  @IsFen()
  stockCostDeductionFen!: number;

  @ApiProperty({ example: 200000, description: 'Withheld for the loan: never more than its outstanding principal (less other buybacks not posted yet).' })
  @IsFen()
  loanWithheldFen!: number;

  @ApiProperty({ example: 106566, description: 'gross − deduction − withheld, to the fen: paid to the mother.' })
  @IsFen()
  netPaidFen!: number;
}
