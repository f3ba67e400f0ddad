import { IsNotBlank } from '@xingfu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PARTNER_TYPES, PartnerType } from '@xingfu/contracts';
import { COUNTY_CODE } from '@xingfu/kernel';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class RegisterPartnerDto {
  @ApiProperty({ example: '巴马香猪养殖有限公司' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: PARTNER_TYPES })
  @IsIn(PARTNER_TYPES)
  type!: PartnerType;

  @ApiProperty({ example: '231085' })
  @Matches(COUNTY_CODE)
  countyCode!: string;

  @ApiProperty({ example: '韦经理' })
  @IsString()
  @IsNotBlank()
  @MaxLength(50)
  contactName!: string;

  @ApiProperty({ example: '13800001111' })
  @Matches(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, { message: 'contactPhone must be a mobile (11 digits) or a landline number' })
  contactPhone!: string;

  @ApiPropertyOptional({ example: '91350100M000100Y43', description: 'The unified social credit code (GB 32100, check character validated): required for a company.' })
  @IsOptional()
  @IsString()
  creditCode?: string;
}
