import { IsUUID, Matches } from 'class-validator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';

export class LoanAgreementSignedV1 {
  @IsUUID()
  loanId!: string;

  @IsUUID()
  applicationId!: string;

  @IsUUID()
  projectId!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @IsBusinessDate()
  signedOn!: string;
}

export const LoanAgreementSigned = defineEvent({
  type: 'LoanAgreementSigned',
  version: 1,
  producer: 'loans',
  payload: LoanAgreementSignedV1,
  description: 'The mother signed the loan agreement (借款协议) after her guarantee took effect; the loan may be disbursed (key = loan id).',
});
