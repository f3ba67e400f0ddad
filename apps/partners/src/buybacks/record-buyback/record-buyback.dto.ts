import { IsSaneDate } from '@xingfu/common';
import { ApiProperty } from '@nestjs/swagger';
import { BuybackFiguresDto } from '../buyback-figures.dto';

export class RecordBuybackDto extends BuybackFiguresDto {
  @ApiProperty({ example: '2027-03-25', description: 'Not in the future, not before the first delivery.' })
  @IsSaneDate()
  boughtOn!: string;
}
