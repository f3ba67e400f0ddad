import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export class FileObjectionDto {
  @ApiProperty({ format: 'uuid', description: 'An application on this notice.' })
  @IsUUID()
  applicationId!: string;

  @ApiPropertyOptional({ example: '村民张某', description: 'Who objected, free text; leave it out (or empty) for an anonymous objection.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  objector?: string;

  @ApiProperty({ example: '家中有稳定工资收入' })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(2000)
  reason!: string;
}
