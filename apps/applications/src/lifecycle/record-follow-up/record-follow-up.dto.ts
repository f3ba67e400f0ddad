import { ApiProperty } from '@nestjs/swagger';
import { IsFen, MAX_AMOUNT_FEN, IsNotBlank, IsSaneDate } from '@xingfu/common';
import { IsString, MaxLength } from 'class-validator';

export class RecordFollowUpDto {
  @ApiProperty({ example: '2026-12-20', description: 'Not before the approval date, not after today.' })
  @IsSaneDate()
  visitedOn!: string;

  @ApiProperty({ example: '生产正常, 出栏 8 头' })
  @IsString()
  @IsNotBlank()
  @MaxLength(1000)
  productionStatus!: string;

  @ApiProperty({ example: 1000000, maximum: MAX_AMOUNT_FEN, description: 'Estimated yearly income gain, fen.' })
  @IsFen()
  incomeEstimateFen!: number;

  @ApiProperty({ example: '饲料价格上涨' })
  @IsString()
  @MaxLength(2000)
  problems!: string;

  @ApiProperty({ example: '请畜牧站技术员指导' })
  @IsString()
  @MaxLength(2000)
  helpGiven!: string;
}
