import { IsNotBlank } from '@xingfu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class RejectApplicationDto {
  @ApiProperty({ example: '入户核实不符' })
  @IsString()
  @IsNotBlank()
  @MaxLength(1000)
  reason!: string;
}

export class WithdrawApplicationDto {
  @ApiPropertyOptional({ example: '外出务工' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
