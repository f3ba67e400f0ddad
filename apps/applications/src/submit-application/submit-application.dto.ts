import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBusinessDate, PROJECT_MODELS, ProjectModel, TOWNSHIP_CODE, VILLAGE_CODE } from '@xingfu/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

export class AddressDto {
  @ApiProperty({ example: '231085100', description: '9-digit township code.' })
  @Matches(TOWNSHIP_CODE, { message: 'townshipCode must be 9 digits' })
  townshipCode!: string;

  @ApiProperty({ example: '231085100201', description: '12-digit village code, inside the township.' })
  @Matches(VILLAGE_CODE, { message: 'villageCode must be 12 digits' })
  villageCode!: string;

  @ApiProperty({ example: '黑龙江省穆棱市下城子镇新立村3组' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  detail!: string;
}

export class MotherDto {
  @ApiProperty({ example: '王秀梅' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name!: string;

  @ApiProperty({ example: '23108519850315002X', description: '18-character resident ID number (GB 11643); stored encrypted, shown masked.' })
  @IsString()
  @Matches(/^\d{17}[\dXx]$/, { message: 'idNumber must be 18 characters: 17 digits and a digit or X' })
  idNumber!: string;

  @ApiProperty({ example: '13812345678', description: 'Mainland mobile number, 11 digits.' })
  @IsString()
  @Matches(/^1[3-9]\d{9}$/, { message: 'phone must be an 11-digit mobile number starting with 13-19' })
  phone!: string;

  @ApiProperty({ type: AddressDto })
  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;
}

export class HouseholdDto {
  @ApiProperty({ example: 4 })
  @IsInt()
  @Min(1)
  @Max(30)
  size!: number;

  @ApiProperty({ example: 2, description: 'Members able to work.' })
  @IsInt()
  @Min(0)
  @Max(30)
  labourers!: number;

  @ApiProperty({ example: 800000, description: 'Annual household income, fen.' })
  @IsInt()
  @Min(0)
  annualIncomeFen!: number;

  @ApiProperty({ example: 'compliant', description: 'Family-planning status, as the project lists them.' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  familyPlanningStatus!: string;

  @ApiProperty({ example: 'registered_poor' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  povertyStatus!: string;

  @ApiProperty({ example: 0, description: 'Debts, fen.' })
  @IsInt()
  @Min(0)
  debtsFen!: number;
}

export class ProductionProjectDto {
  @ApiProperty({ example: 'pig_raising', description: 'Industry, e.g. pig_raising, mushroom.' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  industry!: string;

  @ApiProperty({ example: '饲养巴马香猪 10 头' })
  @IsString()
  @MaxLength(1000)
  description!: string;

  @ApiProperty({ example: 300000, description: 'Requested amount, fen.' })
  @IsInt()
  @Min(1)
  requestedAmountFen!: number;

  @ApiProperty({ enum: PROJECT_MODELS })
  @IsIn(PROJECT_MODELS)
  model!: ProjectModel;

  @ApiPropertyOptional({ description: 'The partner (company, lead farmer, park), when the model has one.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  partnerId?: string;
}

/** The survey form (《幸福工程救助贫困母亲调查表》). */
export class SubmitApplicationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  projectId!: string;

  @ApiProperty({ type: MotherDto })
  @ValidateNested()
  @Type(() => MotherDto)
  mother!: MotherDto;

  @ApiProperty({ type: HouseholdDto })
  @ValidateNested()
  @Type(() => HouseholdDto)
  household!: HouseholdDto;

  @ApiProperty({ type: ProductionProjectDto })
  @ValidateNested()
  @Type(() => ProductionProjectDto)
  project!: ProductionProjectDto;

  @ApiProperty({ example: '2026-11-20' })
  @IsBusinessDate()
  surveyDate!: string;
}
