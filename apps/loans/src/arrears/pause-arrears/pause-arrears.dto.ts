import { IsNotBlank } from '@xingfu/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsBusinessDate } from '@xingfu/contracts';
import { IsString, MaxLength } from 'class-validator';

export class PauseArrearsDto {
  @ApiProperty({ example: '2027-03-10', description: 'First day of the pause (included).' })
  @IsBusinessDate()
  from!: string;

  @ApiProperty({ example: '2027-05-31', description: 'Last day of the pause (included); at most 365 days after from, counting both.' })
  @IsBusinessDate()
  to!: string;

  @ApiProperty({ example: '村里发生非洲猪瘟，生猪扑杀' })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  reason!: string;
}
