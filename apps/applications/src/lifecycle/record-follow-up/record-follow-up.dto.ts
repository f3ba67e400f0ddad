import { ApiProperty } from '@nestjs/swagger';
import { IsBusinessDate } from '@xingfu/contracts';
import { IsInt, IsString, MaxLength, Min, MinLength } from 'class-validator';

export class RecordFollowUpDto {
  @ApiProperty({ example: '2026-12-20' })
  @IsBusinessDate()
  visitedOn!: string;

  @ApiProperty({ example: '生产正常, 出栏 8 头' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  productionStatus!: string;

  @ApiProperty({ example: 1000000, description: 'Estimated yearly income gain, fen.' })
  @IsInt()
  @Min(0)
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
