import { IsNotBlank, IsSaneDate } from '@xingfu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class SignPartyDto {
  @ApiProperty({ example: '李卫东' })
  @IsString()
  @IsNotBlank()
  @MaxLength(50)
  signerName!: string;

  @ApiPropertyOptional({ example: '副镇长', description: 'The signer’s office: required for the township and the village.' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(50)
  office?: string;

  @ApiProperty({ example: '2026-11-25', description: 'Not in the future, not before the guarantee opened.' })
  @IsSaneDate()
  signedOn!: string;
}
