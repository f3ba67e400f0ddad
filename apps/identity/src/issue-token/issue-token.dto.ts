import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class IssueTokenDto {
  @ApiProperty({ example: 'admin', description: 'Case-insensitive.' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  username!: string;

  // The upper bound keeps one request from making scrypt chew on megabytes.
  @ApiProperty({ example: 'a-long-password-1', format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}

export class IssuedTokenDto {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`.' })
  accessToken!: string;

  @ApiProperty({ example: 3600, description: 'Seconds until the token expires.' })
  expiresIn!: number;
}
