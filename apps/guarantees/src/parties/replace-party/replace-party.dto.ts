import { IsNotBlank } from '@xingfu/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class ReplacePartyDto {
  @ApiProperty({ example: '穆棱镇人民政府', description: 'The township government or village committee (or its representative) that stands in for the one that declined.' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  name!: string;
}
