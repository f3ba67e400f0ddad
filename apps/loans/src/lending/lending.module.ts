import { Module } from '@nestjs/common';
import { LoansSharedModule } from '../shared/loans-shared.module';
import { DisburseLoanController } from './disburse-loan/disburse-loan.controller';
import { DisburseLoanHandler } from './disburse-loan/disburse-loan.handler';
import { AwaitAgreementWhenGuaranteeEffective } from './opening/await-agreement-when-guarantee-effective.consumer';
import { OpenLoanWhenApplicationApproved } from './opening/open-loan-when-application-approved.consumer';
import { GetLoanHandler } from './reading/get-loan/get-loan.handler';
import { ListLoansHandler } from './reading/list-loans/list-loans.handler';
import { LoansQueryController } from './reading/loans-query.controller';
import { SignAgreementController } from './sign-agreement/sign-agreement.controller';
import { SignAgreementHandler } from './sign-agreement/sign-agreement.handler';

const controllers = [LoansQueryController, SignAgreementController, DisburseLoanController];
const commandHandlers = [SignAgreementHandler, DisburseLoanHandler];
const queryHandlers = [GetLoanHandler, ListLoansHandler];
const eventConsumers = [OpenLoanWhenApplicationApproved, AwaitAgreementWhenGuaranteeEffective];

/** The loan from approval to disbursement: created on ApplicationApproved, awaiting its agreement once the guarantee is effective, signed, paid out; and its reading. */
@Module({
  imports: [LoansSharedModule],
  controllers,
  providers: [...commandHandlers, ...queryHandlers, ...eventConsumers],
})
export class LendingModule {}
