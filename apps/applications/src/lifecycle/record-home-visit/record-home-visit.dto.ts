import { ApiProperty } from '@nestjs/swagger';
import { IsBusinessDate } from '@xingfu/contracts';
import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';

export class RecordHomeVisitDto {
  @ApiProperty({ example: '2026-11-03' })
  @IsBusinessDate()
  visitedOn!: string;

  @ApiProperty({ example: '家庭情况与调查表相符' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  findings!: string;

  @ApiProperty({ description: 'Whether what the officer found matches the survey.' })
  @IsBoolean()
  verified!: boolean;
}
