import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsFen, IsNotBlank, IsSaneDate } from '@xingfu/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNumber, IsObject, IsOptional, IsPositive, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export class CashPartDto {
  @ApiProperty({ example: 200000, description: 'Fen paid to her benefit card.' })
  @IsFen({ min: 1 })
  amountFen!: number;

  @ApiProperty({ example: '6212345678901232', description: 'Her benefit card (一卡通): 16–19 digits with a good check digit; stored encrypted, shown masked.' })
  @IsString()
  @MaxLength(40)
  cardNumber!: string;

  @ApiProperty({ example: '王秀梅', description: 'The name on the card: must be hers.' })
  @IsString()
  @IsNotBlank()
  @MaxLength(50)
  cardHolderName!: string;
}

export class InKindItemDto {
  @ApiProperty({ example: '巴马香猪种猪' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ example: 2 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 })
  @IsPositive()
  @Max(1_000_000)
  quantity!: number;

  @ApiProperty({ example: '头' })
  @IsString()
  @IsNotBlank()
  @MaxLength(20)
  unit!: string;

  @ApiProperty({ example: 100000, description: 'The value of this line, in fen.' })
  @IsFen({ min: 1 })
  valueFen!: number;
}

export class InKindPartDto {
  @ApiProperty({ example: 'bama-pig-co', description: 'The partner who supplies the inputs: the loan’s partner, when it has one.' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  partnerId!: string;

  @ApiProperty({ type: [InKindItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => InKindItemDto)
  items!: InKindItemDto[];

  @ApiProperty({ example: 100000, description: 'The whole in-kind part in fen: the items’ values added up.' })
  @IsFen({ min: 1 })
  valueFen!: number;
}

export class DisburseLoanDto {
  @ApiProperty({ example: '2026-11-28', description: 'Not in the future, not before the agreement was signed.' })
  @IsSaneDate()
  date!: string;

  @ApiProperty({ example: 1, description: 'The project’s round (批次) this loan goes out in.' })
  @IsInt()
  @Min(1)
  @Max(1000)
  round!: number;

  @ApiPropertyOptional({ type: CashPartDto })
  @IsOptional()
  // ValidateNested alone passes an empty array (no element to fail it), which reached the handler as a 500.
  @IsObject()
  @ValidateNested()
  @Type(() => CashPartDto)
  cash?: CashPartDto;

  @ApiPropertyOptional({ type: InKindPartDto })
  @IsOptional()
  // ValidateNested alone passes an empty array (no element to fail it), which reached the handler as a 500.
  @IsObject()
  @ValidateNested()
  @Type(() => InKindPartDto)
  inKind?: InKindPartDto;
}
