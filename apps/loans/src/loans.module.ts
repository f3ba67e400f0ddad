import { Module } from '@nestjs/common';
import {
  ArrearsPaused,
  BuybackExcessReturned,
  FundContributionRecorded,
  InstalmentOverdue,
  InstalmentPaid,
  LoanAgreementSigned,
  LoanDefaulted,
  LoanDisbursed,
  LoanRepaid,
  LoanRescheduled,
  LoanWrittenOff,
  RepaymentPosted,
  RepaymentScheduleCreated,
} from '@xingfu/contracts';
import { JobsModule } from '@xingfu/jobs';
import { MessagingModule } from '@xingfu/messaging';
import { ArrearsModule } from './arrears/arrears.module';
import { BuybacksModule } from './buybacks/buybacks.module';
import { FundModule } from './fund/fund.module';
import { LendingModule } from './lending/lending.module';
import { loansQueues } from './loans.jobs';
import { RepaymentsModule } from './repayments/repayments.module';
import { LoansSharedModule } from './shared/loans-shared.module';

/** What this service appends to its outbox: start-up fails, naming it, if one has no registered contract. */
const producedEvents = [
  FundContributionRecorded,
  LoanAgreementSigned,
  LoanDisbursed,
  RepaymentScheduleCreated,
  RepaymentPosted,
  InstalmentPaid,
  LoanRepaid,
  InstalmentOverdue,
  LoanDefaulted,
  ArrearsPaused,
  LoanRescheduled,
  LoanWrittenOff,
  BuybackExcessReturned,
];

/**
 * Where the money is: each project's revolving fund and its double-entry ledger (fund/), the
 * loan from approval to disbursement and its reading (lending/), repayments (repayments/),
 * arrears on the business date, pauses, reschedules and write-offs (arrears/).
 */
@Module({
  imports: [
    MessagingModule.forFeature({ service: 'loans', produces: producedEvents }),
    JobsModule.forService(loansQueues),
    LoansSharedModule,
    FundModule,
    LendingModule,
    RepaymentsModule,
    ArrearsModule,
    BuybacksModule,
  ],
})
export class LoansModule {}
