import { IsNotBlank, IsSaneDate } from '@xingfu/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength } from 'class-validator';

export class RecordHomeVisitDto {
  @ApiProperty({ example: '2026-11-03', description: 'Not before the survey date, not after today.' })
  @IsSaneDate()
  visitedOn!: string;

  @ApiProperty({ example: '家庭情况与调查表相符' })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  findings!: string;

  @ApiProperty({ description: 'Whether what the officer found matches the survey.' })
  @IsBoolean()
  verified!: boolean;
}
