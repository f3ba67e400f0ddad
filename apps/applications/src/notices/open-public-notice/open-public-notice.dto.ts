import { IsSaneDate } from '@xingfu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { VILLAGE_CODE } from '@xingfu/contracts';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

export class OpenPublicNoticeDto {
  @ApiProperty({ example: '231085100201' })
  @Matches(VILLAGE_CODE, { message: 'villageCode must be 12 digits' })
  villageCode!: string;

  @ApiProperty({ type: [String], description: 'The eligible applications of that village to post.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  applicationIds!: string[];

  @ApiProperty({ example: '2026-11-22', description: 'Today or up to 30 days ahead; never in the past.' })
  @IsSaneDate()
  startDate!: string;

  @ApiPropertyOptional({ example: 7, description: 'Default and minimum: the project’s public-notice days.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  days?: number;
}
