import { IsNotBlank } from '@xingfu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class WriteOffDto {
  @ApiProperty({ example: '借款人外出失联，担保人无力代偿' })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ example: '借款人已去世，担保人已书面确认无力代偿', description: 'Needed to write off before the guarantors’ demands are 30 days old.' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  overrideReason?: string;
}
