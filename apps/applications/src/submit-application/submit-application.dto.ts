import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROJECT_MODELS, ProjectModel, TOWNSHIP_CODE, VILLAGE_CODE } from '@xingfu/contracts';
import { IsFen, IsMainlandMobile, IsResidentId, MAX_AMOUNT_FEN, IsNotBlank, IsSaneDate } from '@xingfu/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export class AddressDto {
  @ApiProperty({ example: '231085100', description: '9-digit township code.' })
  @Matches(TOWNSHIP_CODE, { message: 'townshipCode must be 9 digits' })
  townshipCode!: string;

  @ApiProperty({ example: '231085100201', description: '12-digit village code, inside the township.' })
  @Matches(VILLAGE_CODE, { message: 'villageCode must be 12 digits' })
  villageCode!: string;

  @ApiProperty({ example: '黑龙江省穆棱市下城子镇新立村3组' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  detail!: string;
}

export class MotherDto {
  @ApiProperty({ example: '王秀梅' })
  @IsString()
  @IsNotBlank()
  @MaxLength(50)
  name!: string;

  @ApiProperty({ example: '23108519850315002X', description: '18-character resident ID number (GB 11643, check digit and birth date checked); stored encrypted, shown masked.' })
  @IsResidentId()
  idNumber!: string;

  @ApiProperty({ example: '13812345678', description: 'Mainland mobile number, 11 digits.' })
  @IsMainlandMobile()
  phone!: string;

  @ApiProperty({ type: AddressDto })
  @IsObject()
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

  @ApiProperty({ example: 800000, maximum: MAX_AMOUNT_FEN, description: 'Annual household income, fen.' })
  @IsFen()
  annualIncomeFen!: number;

  @ApiProperty({ example: 'compliant', description: 'Family-planning status, as the project lists them.' })
  @IsString()
  @IsNotBlank()
  @MaxLength(50)
  familyPlanningStatus!: string;

  @ApiProperty({ example: 'registered_poor' })
  @IsString()
  @IsNotBlank()
  @MaxLength(50)
  povertyStatus!: string;

  @ApiProperty({ example: 0, maximum: MAX_AMOUNT_FEN, description: 'Debts, fen.' })
  @IsFen()
  debtsFen!: number;
}

export class ProductionProjectDto {
  @ApiProperty({ example: 'pig_raising', description: 'Industry, e.g. pig_raising, mushroom.' })
  @IsString()
  @IsNotBlank()
  @MaxLength(50)
  industry!: string;

  // May be blank: screening then refuses it with its reason ("no production project is named").
  @ApiProperty({ example: '饲养巴马香猪 10 头' })
  @IsString()
  @MaxLength(1000)
  description!: string;

  @ApiProperty({ example: 300000, minimum: 1, maximum: MAX_AMOUNT_FEN, description: 'Requested amount, fen.' })
  @IsFen({ min: 1 })
  requestedAmountFen!: number;

  @ApiProperty({ enum: PROJECT_MODELS })
  @IsIn(PROJECT_MODELS)
  model!: ProjectModel;

  @ApiPropertyOptional({ description: 'The partner (company, lead farmer, park), when the model has one.' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  partnerId?: string;
}

/** The survey form (《幸福工程救助贫困母亲调查表》). */
export class SubmitApplicationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  projectId!: string;

  @ApiProperty({ type: MotherDto })
  @IsObject()
  @ValidateNested()
  @Type(() => MotherDto)
  mother!: MotherDto;

  @ApiProperty({ type: HouseholdDto })
  @IsObject()
  @ValidateNested()
  @Type(() => HouseholdDto)
  household!: HouseholdDto;

  @ApiProperty({ type: ProductionProjectDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ProductionProjectDto)
  project!: ProductionProjectDto;

  @ApiProperty({ example: '2026-11-20', description: 'Not after today.' })
  @IsSaneDate()
  surveyDate!: string;
}
