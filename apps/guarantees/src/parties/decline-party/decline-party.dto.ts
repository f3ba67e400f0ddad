import { IsNotBlank } from '@xingfu/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class DeclinePartyDto {
  @ApiProperty({ example: '担保户外出务工，无法签字' })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  reason!: string;
}
