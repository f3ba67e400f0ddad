import { ApiProperty } from '@nestjs/swagger';
import { IsBusinessDate } from '@xingfu/contracts';

export class RunRemindersSweepDto {
  @ApiProperty({ example: '2027-03-01', description: 'The business date to find reminders for; not after today’s business date.' })
  @IsBusinessDate()
  asOf!: string;
}
