import { Module } from '@nestjs/common';
import { PiiCipher, Secrets } from '@xingfu/common';
import { KitModule } from '@xingfu/kit';
import { FundLedger } from './fund-ledger';
import { LoanLifecycle } from './loan-lifecycle';
import { LoanView } from './loan-view';
import { RECORD_SCOPES } from './record-scopes';
import { RepaymentPosting } from './repayment-posting';
import { ScheduleStore } from './schedule-store';

/** What every part of the loans service shares: the kit (unit of work), the lifecycle, the fund's ledger, PII, record scopes. */
@Module({
  imports: [KitModule.forService('loans')],
  providers: [LoanLifecycle, LoanView, FundLedger, ScheduleStore, RepaymentPosting, ...RECORD_SCOPES, { provide: PiiCipher, inject: [Secrets], useFactory: (secrets: Secrets) => new PiiCipher(secrets.piiKey) }],
  exports: [KitModule, LoanLifecycle, LoanView, FundLedger, ScheduleStore, RepaymentPosting, PiiCipher, ...RECORD_SCOPES],
})
export class LoansSharedModule {}
