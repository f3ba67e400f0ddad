import { IsSaneDate } from '@xingfu/common';
import { ApiProperty } from '@nestjs/swagger';

export class AcknowledgeDeliveryDto {
  @ApiProperty({ example: '2026-11-26', description: 'The day the mother acknowledged it: not in the future, not before the delivery.' })
  @IsSaneDate()
  acknowledgedOn!: string;
}
