import { IsNotBlank } from '@xingfu/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class RefuseEnrolmentDto {
  @ApiProperty({ example: '猪舍条件不符合防疫要求' })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  reason!: string;
}
