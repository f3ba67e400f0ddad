import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class ChangeProjectSettingsDto {
  @ApiProperty({ example: 2, minimum: 1, maximum: 10, description: 'How many open loans one household may guarantee at once.' })
  @IsInt()
  @Min(1)
  @Max(10)
  householdLimit!: number;

  @ApiProperty({ example: 14, minimum: 1, maximum: 365, description: 'Days after opening by which all three parties must have signed.' })
  @IsInt()
  @Min(1)
  @Max(365)
  deadlineDays!: number;
}
