import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsInt, IsUUID, Matches, Min, ValidateNested } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';
import { PartyLiabilityV1 } from './shared-types';

export class GuaranteeInvokedV1 {
  @IsUUID()
  guaranteeId!: string;

  @IsUUID()
  applicationId!: string;

  @IsUUID()
  loanId!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @IsBusinessDate()
  invokedOn!: string;

  @IsInt()
  @Min(1)
  overdueFen!: number;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => PartyLiabilityV1)
  parties!: PartyLiabilityV1[];
}

export const GuaranteeInvoked = defineEvent({
  type: 'GuaranteeInvoked',
  version: 1,
  producer: 'guarantees',
  payload: GuaranteeInvokedV1,
  description: 'The loan defaulted: every party is liable, jointly and severally, for the whole amount overdue, and a demand is made to each (key = guarantee id).',
});
