import { IsNotBlank } from '@xingfu/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class DisputeBuybackDto {
  @ApiProperty({ example: '过磅重量与农户记录不符' })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  reason!: string;
}
