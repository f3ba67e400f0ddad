import { ApiProperty } from '@nestjs/swagger';
import { IsBusinessDate } from '@xingfu/contracts';

export class SetBusinessDateDto {
  @ApiProperty({ example: '2026-11-28', description: 'The new business date, YYYY-MM-DD (Asia/Shanghai calendar).' })
  @IsBusinessDate()
  businessDate!: string;
}

export class BusinessDateResponse {
  @ApiProperty({ example: '2026-11-28' })
  businessDate!: string;

  @ApiProperty({ enum: ['system', 'managed'], description: 'system: the Asia/Shanghai calendar; managed: set by an admin.' })
  mode!: 'system' | 'managed';
}
