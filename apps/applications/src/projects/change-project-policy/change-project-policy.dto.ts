import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsObject, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { AidStandardDto, CreditGradeDto, CreditWeightsDto, LoanPolicyDto } from '../project-policy.dto';

/** Present unless absent: `null` is validated (and refused) rather than let through as "not given". */
const Given = () => ValidateIf((_, value) => value !== undefined);

/** Any of the parts; each part given replaces that part whole. */
export class ChangeProjectPolicyDto {
  @ApiPropertyOptional({ example: '穆棱市幸福工程 2026（第二批）' })
  @Given()
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: AidStandardDto })
  @Given()
  @IsObject()
  @ValidateNested()
  @Type(() => AidStandardDto)
  aidStandard?: AidStandardDto;

  @ApiPropertyOptional({ type: LoanPolicyDto })
  @Given()
  @IsObject()
  @ValidateNested()
  @Type(() => LoanPolicyDto)
  loanPolicy?: LoanPolicyDto;

  @ApiPropertyOptional({ type: [CreditGradeDto], description: 'The whole grade table; it must cover 0–100 without overlap.' })
  @Given()
  @IsArray()
  @ArrayMaxSize(20)
  // ValidateNested passes an array where an element object should be (it validates its items): refuse it here.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CreditGradeDto)
  creditGrades?: CreditGradeDto[];

  @ApiPropertyOptional({ type: CreditWeightsDto, description: 'Weights adding up to 100.' })
  @Given()
  @IsObject()
  @ValidateNested()
  @Type(() => CreditWeightsDto)
  creditWeights?: CreditWeightsDto;

  @ApiPropertyOptional({ example: 7 })
  @Given()
  @IsInt()
  @Min(1)
  @Max(60)
  publicNoticeDays?: number;
}
