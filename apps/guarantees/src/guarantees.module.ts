import { Module } from '@nestjs/common';
import {
  GuaranteeEffective,
  GuaranteeInvoked,
  GuaranteeLapsed,
  GuaranteeOpened,
  GuaranteeReleased,
  GuaranteeReopened,
  GuarantorDeclined,
  GuarantorReplaced,
  GuarantorSigned,
} from '@xingfu/contracts';
import { JobsModule } from '@xingfu/jobs';
import { MessagingModule } from '@xingfu/messaging';
import { guaranteesQueues } from './guarantees.jobs';
import { LapseGuaranteeHandler } from './lapse/lapse-guarantee/lapse-guarantee.handler';
import { LapseGuaranteesSweep } from './lapse/lapse-guarantee/lapse-guarantees.sweep';
import { ReopenGuaranteeController } from './lapse/reopen-guarantee/reopen-guarantee.controller';
import { ReopenGuaranteeHandler } from './lapse/reopen-guarantee/reopen-guarantee.handler';
import { EndGuaranteeWhenLoanEnds } from './loan-events/end-guarantee-when-loan-ends.step';
import { FollowLoan } from './loan-events/follow-loan.consumer';
import { InvokeGuaranteeWhenLoanDefaulted } from './loan-events/invoke-guarantee-when-loan-defaulted.step';
import { RecordGuarantorPaymentWhenRepaymentPosted } from './loan-events/record-guarantor-payment-when-repayment-posted.step';
import { OpenGuaranteeWhenApplicationApproved } from './opening/open-guarantee-when-application-approved.consumer';
import { DeclinePartyController } from './parties/decline-party/decline-party.controller';
import { DeclinePartyHandler } from './parties/decline-party/decline-party.handler';
import { NameHouseholdController } from './parties/name-household/name-household.controller';
import { NameHouseholdHandler } from './parties/name-household/name-household.handler';
import { ReplacePartyController } from './parties/replace-party/replace-party.controller';
import { ReplacePartyHandler } from './parties/replace-party/replace-party.handler';
import { SignPartyController } from './parties/sign-party/sign-party.controller';
import { SignPartyHandler } from './parties/sign-party/sign-party.handler';
import { GetGuaranteeHandler } from './reading/get-guarantee/get-guarantee.handler';
import { GuaranteesQueryController } from './reading/guarantees-query.controller';
import { ListGuaranteesHandler } from './reading/list-guarantees/list-guarantees.handler';
import { ChangeProjectSettingsController } from './projects/change-project-settings/change-project-settings.controller';
import { ChangeProjectSettingsHandler } from './projects/change-project-settings/change-project-settings.handler';
import { KnowProjectWhenProjectRegistered } from './projects/know-project-when-project-registered.consumer';
import { GuaranteesSharedModule } from './shared/guarantees-shared.module';

// NameHouseholdController before ReplacePartyController: PUT …/parties/household is matched before …/parties/:role.
const controllers = [GuaranteesQueryController, NameHouseholdController, ReplacePartyController, SignPartyController, DeclinePartyController, ReopenGuaranteeController, ChangeProjectSettingsController];
const commandHandlers = [NameHouseholdHandler, ReplacePartyHandler, SignPartyHandler, DeclinePartyHandler, ReopenGuaranteeHandler, LapseGuaranteeHandler, ChangeProjectSettingsHandler];
const queryHandlers = [GetGuaranteeHandler, ListGuaranteesHandler];
const eventConsumers = [KnowProjectWhenProjectRegistered, OpenGuaranteeWhenApplicationApproved, FollowLoan];
/** What FollowLoan does with each of a loan's events. */
const loanEventSteps = [InvokeGuaranteeWhenLoanDefaulted, RecordGuarantorPaymentWhenRepaymentPosted, EndGuaranteeWhenLoanEnds];
const jobs = [LapseGuaranteesSweep];
/** What this service appends to its outbox: start-up fails, naming it, if one has no registered contract. */
const producedEvents = [
  GuaranteeOpened,
  GuarantorSigned,
  GuarantorDeclined,
  GuarantorReplaced,
  GuaranteeEffective,
  GuaranteeLapsed,
  GuaranteeReopened,
  GuaranteeInvoked,
  GuaranteeReleased,
];

/** The three-party joint guarantee (三方联保): opened on approval, signed, lapsed past its deadline, invoked on default, released on repayment. */
@Module({
  imports: [MessagingModule.forFeature({ service: 'guarantees', produces: producedEvents }), JobsModule.forService(guaranteesQueues), GuaranteesSharedModule],
  controllers,
  providers: [...commandHandlers, ...queryHandlers, ...eventConsumers, ...loanEventSteps, ...jobs],
})
export class GuaranteesModule {}
