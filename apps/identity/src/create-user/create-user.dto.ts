import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Role, ROLES } from '@xingfu/auth';
import { COUNTY_CODE, TOWNSHIP_CODE } from '@xingfu/contracts';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CreateUserDto {
  @ApiProperty({ example: 'zhang.wei', minLength: 3, maxLength: 50, pattern: '^[a-z0-9._-]+$', description: 'Case-insensitive; stored lowercase.' })
  @IsString()
  @MinLength(3)
  @MaxLength(50)
  @Matches(/^[a-z0-9._-]+$/i, { message: 'username may contain only letters, digits, ".", "_" and "-"' })
  username!: string;

  @ApiProperty({ example: 'a-long-password-1', minLength: 10, maxLength: 200, format: 'password' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ type: [String], example: ['231085100'], description: '9-digit township codes; an officer needs at least one.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(TOWNSHIP_CODE, { each: true, message: 'each township must be 9 digits' })
  townships?: string[];

  @ApiPropertyOptional({ type: [String], example: ['231085'], description: '6-digit county codes; a project manager needs at least one.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(COUNTY_CODE, { each: true, message: 'each county must be 6 digits' })
  counties?: string[];

  @ApiPropertyOptional({ example: 'c0a8012e-7d1f-4c5e-9a57-2d3b8f6e1a90', description: 'The partner a partner user acts for; required for role partner.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  partnerId?: string;
}
