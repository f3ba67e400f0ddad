import { ApiProperty } from '@nestjs/swagger';
import { IsFen, IsNotBlank } from '@xingfu/common';
import { IsBusinessDate } from '@xingfu/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength, ValidateNested } from 'class-validator';

export class RescheduledInstalmentDto {
  @ApiProperty({ example: '2027-10-15', description: 'After today, each after the one before.' })
  @IsBusinessDate()
  dueDate!: string;

  @ApiProperty({ example: 150000, description: 'Principal due on that date, in fen.' })
  @IsFen({ min: 1 })
  amountFen!: number;
}

export class RescheduleDto {
  @ApiProperty({ type: [RescheduledInstalmentDto], description: 'The new schedule: dated principal amounts adding up to the principal outstanding.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => RescheduledInstalmentDto)
  instalments!: RescheduledInstalmentDto[];

  @ApiProperty({ example: '猪价下跌，合作企业推迟回购，延期至出栏后还款' })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  reason!: string;
}
