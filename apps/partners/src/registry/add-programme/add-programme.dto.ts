import { ApiProperty } from '@nestjs/swagger';
import { IsFen, IsNotBlank } from '@xingfu/common';
import { IsIn, IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

/** Who pays for the inputs: the partner, recovering its advance at buyback; or the fund, as the loan's in-kind part. */
export const COST_BEARERS = ['partner', 'fund'] as const;
/** What a buyback may deduct: the partner's acknowledged deliveries not yet recovered, or nothing. */
export const DEDUCTION_RULES = ['delivered_cost', 'none'] as const;

export class AddProgrammeDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  projectId!: string;

  @ApiProperty({ example: '巴马香猪种猪' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  input!: string;

  @ApiProperty({ example: 120000, maximum: 100_000_000, description: 'Per head (or unit) of input, in fen.' })
  // At most 1,000,000 yuan: the column is an int, and a larger cost is no input's.
  @IsFen({ max: 100_000_000 })
  unitCostFen!: number;

  @ApiProperty({ enum: COST_BEARERS, description: 'partner: an advance recovered at buyback (deductionRule delivered_cost); fund: the loan’s in-kind part (nothing deducted).' })
  @IsIn(COST_BEARERS)
  costBorneBy!: (typeof COST_BEARERS)[number];

  @ApiProperty({ example: 120 })
  @IsInt()
  @Min(1)
  @Max(1000)
  growOutDays!: number;

  @ApiProperty({ example: 2900, maximum: 10_000_000, description: 'The market reference price per kg, in fen.' })
  // The same bound as a buyback's per-kg prices (and within the int column).
  @IsFen({ max: 10_000_000 })
  marketReferencePerKgFen!: number;

  @ApiProperty({ example: 2600, maximum: 10_000_000, description: 'The floor price (保底价) per kg, in fen: no buyback below it.' })
  // The same bound as a buyback's per-kg prices (and within the int column).
  @IsFen({ max: 10_000_000 })
  floorPricePerKgFen!: number;

  @ApiProperty({ enum: DEDUCTION_RULES })
  @IsIn(DEDUCTION_RULES)
  deductionRule!: (typeof DEDUCTION_RULES)[number];
}
