import { IsIn, IsOptional, IsString, IsUUID, Matches, MinLength } from 'class-validator';
import { COUNTY_CODE } from '@xingfu/kernel';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';
import { PARTNER_TYPES, PartnerType } from './shared-types';

export class PartnerRegisteredV1 {
  /** The id applications' surveys and approvals name as partnerId, and partner users carry as their scope. */
  @IsUUID()
  partnerId!: string;

  @IsString()
  @MinLength(1)
  name!: string;

  @IsIn(PARTNER_TYPES)
  type!: PartnerType;

  @Matches(COUNTY_CODE)
  countyCode!: string;

  /** A company's unified social credit code (GB 32100); none for a lead farmer. */
  @IsOptional()
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/)
  creditCode?: string;

  @IsBusinessDate()
  registeredOn!: string;
}

export const PartnerRegistered = defineEvent({
  type: 'PartnerRegistered',
  version: 1,
  producer: 'partners',
  payload: PartnerRegisteredV1,
  description: 'A partner (company, lead farmer or industrial park) of an "X+1" model was registered (key = partner id).',
});
