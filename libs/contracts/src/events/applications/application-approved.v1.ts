import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Min, MinLength, ValidateNested } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { COUNTY_CODE, TOWNSHIP_CODE, VILLAGE_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';
import { RepaymentPlanV1, PROJECT_MODELS, ProjectModel, CHARGE_KINDS, ChargeKind, DISBURSEMENT_MODES, DisbursementMode } from './shared-types';

export class ApplicationApprovedV1 {
  @IsUUID()
  applicationId!: string;

  @IsUUID()
  projectId!: string;

  @Matches(COUNTY_CODE)
  countyCode!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @Matches(VILLAGE_CODE)
  villageCode!: string;

  @IsString()
  @MinLength(1)
  motherNameMasked!: string;

  @IsString()
  @MinLength(1)
  idNumberMasked!: string;

  /** The keyed lookup hash of her ID number (never the number): guarantees refuses her own household as her guarantor. Optional, so older events still read. */
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/)
  idNumberHash?: string;

  /**
   * The keyed lookup hash of her name (personNameKey, never the name): loans checks that the
   * benefit card it pays is in her name. Optional, so older events still read.
   */
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/)
  motherNameHash?: string;

  @IsString()
  phoneMasked!: string;

  /** The phone, sealed with the PII key: only a service that must call or text her opens it. */
  @IsString()
  phoneSealed!: string;

  @IsString()
  @MinLength(1)
  industry!: string;

  @IsIn(PROJECT_MODELS)
  model!: ProjectModel;

  @IsOptional()
  @IsString()
  partnerId?: string;

  @IsInt()
  @Min(1)
  amountFen!: number;

  @IsInt()
  @Min(1)
  termMonths!: number;

  @ValidateNested()
  @Type(() => RepaymentPlanV1)
  repaymentPlan!: RepaymentPlanV1;

  @IsIn(CHARGE_KINDS)
  chargeKind!: ChargeKind;

  @IsInt()
  @Min(0)
  rateBasisPoints!: number;

  @IsInt()
  @Min(0)
  graceDays!: number;

  @IsIn(DISBURSEMENT_MODES)
  disbursementMode!: DisbursementMode;

  @IsString()
  creditGrade!: string;

  @IsBusinessDate()
  approvedOn!: string;
}

export const ApplicationApproved = defineEvent({
  type: 'ApplicationApproved',
  version: 1,
  producer: 'applications',
  payload: ApplicationApprovedV1,
  description: 'The county project office approved a loan: everything guarantees and loans need to proceed.',
});
