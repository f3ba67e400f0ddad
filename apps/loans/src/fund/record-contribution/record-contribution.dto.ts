import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsFen, IsNotBlank, IsSaneDate } from '@xingfu/common';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CONTRIBUTION_SOURCES, CONTRIBUTION_STAGES, ContributionSource, ContributionStage } from '../domain/contribution-rules';

export class RecordContributionDto {
  @ApiProperty({ example: 40_000_000, description: 'Fen (40,000,000 fen = 400,000 yuan): a whole number from 1.' })
  @IsFen({ min: 1 })
  amountFen!: number;

  @ApiProperty({ enum: CONTRIBUTION_SOURCES, description: 'The foundation’s grant, the county’s local match (配套), a donor. A project manager may record only local_match.' })
  @IsIn(CONTRIBUTION_SOURCES)
  source!: ContributionSource;

  @ApiProperty({ enum: CONTRIBUTION_STAGES, description: 'committed: pledged; received: arrived in the fund’s account (到位). Record each stage as it happens.' })
  @IsIn(CONTRIBUTION_STAGES)
  stage!: ContributionStage;

  @ApiProperty({ example: '2026-11-20', description: 'The business date it was pledged or arrived: not in the future.' })
  @IsSaneDate()
  date!: string;

  @ApiPropertyOptional({ example: 1, minimum: 1, maximum: 1000, description: 'The round (批次) the money is for; without one it counts as unassigned.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  round?: number;

  @ApiPropertyOptional({ example: '基金会第一批拨款', maxLength: 500 })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  note?: string;
}
