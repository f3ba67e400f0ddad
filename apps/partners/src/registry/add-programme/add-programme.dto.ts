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

  @ApiProperty({ example: 120000, description: 'Per head (or unit) of input, in fen.' })
  @IsFen()
  unitCostFen!: number;

  @ApiProperty({ enum: COST_BEARERS, description: 'partner: an advance recovered at buyback (deductionRule delivered_cost); fund: the loan’s in-kind part (nothing deducted).' })
  @IsIn(COST_BEARERS)
  costBorneBy!: (typeof COST_BEARERS)[number];

  @ApiProperty({ example: 120 })
  @IsInt()
  @Min(1)
  @Max(1000)
  growOutDays!: number;

  @ApiProperty({ example: 2900, description: 'The market reference price per kg, in fen.' })
  @IsFen()
  marketReferencePerKgFen!: number;

  @ApiProperty({ example: 2600, description: 'The floor price (保底价) per kg, in fen: no buyback below it.' })
  @IsFen()
  floorPricePerKgFen!: number;

  @ApiProperty({ enum: DEDUCTION_RULES })
  @IsIn(DEDUCTION_RULES)
  deductionRule!: (typeof DEDUCTION_RULES)[number];
}
