import { IsNotBlank } from '@xingfu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SETTLEMENT_OUTCOMES, SettlementOutcome } from '@xingfu/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { BuybackFiguresDto } from '../buyback-figures.dto';

export class SettleDisputeDto {
  @ApiProperty({ enum: SETTLEMENT_OUTCOMES, description: 'upheld: confirmed as recorded; corrected: confirmed with the figures given; voided: nothing withheld or paid through the system.' })
  @IsIn(SETTLEMENT_OUTCOMES)
  outcome!: SettlementOutcome;

  @ApiProperty({ example: '复称后确认重量为 150.2 公斤' })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  reason!: string;

  @ApiPropertyOptional({ type: BuybackFiguresDto, description: 'The corrected figures: required for corrected, refused otherwise; checked as a recorded buyback is.' })
  @IsOptional()
  // IsObject: ValidateNested alone lets an array through to the handler.
  @IsObject()
  @ValidateNested()
  @Type(() => BuybackFiguresDto)
  figures?: BuybackFiguresDto;
}
