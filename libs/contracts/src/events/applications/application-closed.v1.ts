import { IsIn, IsString, IsUUID, Matches } from 'class-validator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';

export class ApplicationClosedV1 {
  @IsUUID()
  applicationId!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @IsString()
  fromStatus!: string;

  /** Why the case ended after approval: today only because its loan was repaid. */
  @IsIn(['loan_repaid'])
  cause!: 'loan_repaid';

  @IsUUID()
  loanId!: string;

  @IsBusinessDate()
  closedOn!: string;
}

export const ApplicationClosed = defineEvent({
  type: 'ApplicationClosed',
  version: 1,
  producer: 'applications',
  payload: ApplicationClosedV1,
  description: 'The approved case ended because its loan was repaid; the mother may apply again. Caused by LoanRepaid (causationId).',
});
