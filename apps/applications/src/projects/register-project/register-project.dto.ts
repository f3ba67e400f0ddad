import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COUNTY_CODE } from '@xingfu/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { AidStandardDto, CreditGradeDto, CreditWeightsDto, LoanPolicyDto } from '../project-policy.dto';

/** A new county project with the policy that will be its version 1. */
export class RegisterProjectDto {
  @ApiProperty({ example: '穆棱市幸福工程 2026' })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '231085', description: 'County division code, 6 digits.' })
  @Matches(COUNTY_CODE, { message: 'countyCode must be 6 digits' })
  countyCode!: string;

  @ApiProperty({ type: AidStandardDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AidStandardDto)
  aidStandard!: AidStandardDto;

  @ApiProperty({ type: LoanPolicyDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LoanPolicyDto)
  loanPolicy!: LoanPolicyDto;

  @ApiProperty({ type: [CreditGradeDto], description: 'Score range → grade → amount ceiling; the ranges must cover 0–100 without overlap.' })
  @IsArray()
  @ArrayMaxSize(20)
  // ValidateNested passes an array where an element object should be (it validates its items): refuse it here.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CreditGradeDto)
  creditGrades!: CreditGradeDto[];

  @ApiPropertyOptional({ type: CreditWeightsDto, description: 'Weights of honesty, labour and income, adding up to 100. Default 70 / 20 / 10.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CreditWeightsDto)
  creditWeights?: CreditWeightsDto;

  @ApiPropertyOptional({ example: 7, description: 'Days a public notice stays up. Default 7.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  publicNoticeDays?: number;
}
