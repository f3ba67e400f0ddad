import { ApiProperty } from '@nestjs/swagger';
import { IsFen, IsNotBlank, IsSaneDate } from '@xingfu/common';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';

export class DeliverInputsDto {
  @ApiProperty({ example: '巴马香猪种母猪' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  items!: string;

  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(1)
  @Max(100000)
  quantity!: number;

  @ApiProperty({ example: 120000, maximum: 100_000_000 })
  // At most 1,000,000 yuan a unit, as a programme's: the column is an int.
  @IsFen({ max: 100_000_000 })
  unitCostFen!: number;

  @ApiProperty({ example: '2026-11-25', description: 'Not in the future, not before the partner accepted her.' })
  @IsSaneDate()
  deliveredOn!: string;
}
