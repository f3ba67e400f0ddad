import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export class CreditComponentsDto {
  @ApiProperty({ example: 90, description: 'Honesty 0–100 (village meeting, neighbours).' }) @IsInt() @Min(0) @Max(100) honesty!: number;
  @ApiProperty({ example: 80, description: 'Household labour 0–100.' }) @IsInt() @Min(0) @Max(100) labour!: number;
  @ApiProperty({ example: 50, description: 'Per-capita income 0–100.' }) @IsInt() @Min(0) @Max(100) income!: number;
}

/** The component scores and what they rest on; the weights come from the project. */
export class AssessCreditDto {
  @ApiProperty({ type: CreditComponentsDto, description: 'Component scores, integers 0–100.' })
  @IsObject()
  @ValidateNested()
  @Type(() => CreditComponentsDto)
  components!: CreditComponentsDto;

  @ApiProperty({ example: '村民会议评议 + 入户走访', description: 'Where the scores come from (village meeting, home visits).' })
  @IsString()
  @Matches(/\S/, { message: 'evidence must not be blank' })
  @MaxLength(2000)
  evidence!: string;
}
