import { Module } from '@nestjs/common';
import {
  BuybackConfirmed,
  BuybackDisputed,
  BuybackDisputeSettled,
  BuybackOverdue,
  BuybackRecorded,
  DeliveryAcknowledged,
  EnrolmentAccepted,
  EnrolmentRefused,
  InputsDelivered,
  PartnerRegistered,
} from '@xingfu/contracts';
import { JobsModule } from '@xingfu/jobs';
import { MessagingModule } from '@xingfu/messaging';
import { BuybackLimitsReader } from './buybacks/buyback-limits';
import { ConfirmBuybackController } from './buybacks/confirm-buyback/confirm-buyback.controller';
import { ConfirmBuybackHandler } from './buybacks/confirm-buyback/confirm-buyback.handler';
import { DisputeBuybackController } from './buybacks/dispute-buyback/dispute-buyback.controller';
import { DisputeBuybackHandler } from './buybacks/dispute-buyback/dispute-buyback.handler';
import { RecordBuybackController } from './buybacks/record-buyback/record-buyback.controller';
import { RecordBuybackHandler } from './buybacks/record-buyback/record-buyback.handler';
import { SettleDisputeController } from './buybacks/settle-dispute/settle-dispute.controller';
import { SettleDisputeHandler } from './buybacks/settle-dispute/settle-dispute.handler';
import { AcknowledgeDeliveryController } from './deliveries/acknowledge-delivery/acknowledge-delivery.controller';
import { AcknowledgeDeliveryHandler } from './deliveries/acknowledge-delivery/acknowledge-delivery.handler';
import { DeliverInputsController } from './deliveries/deliver-inputs/deliver-inputs.controller';
import { DeliverInputsHandler } from './deliveries/deliver-inputs/deliver-inputs.handler';
import { AcceptEnrolmentController } from './enrolment/accept-enrolment/accept-enrolment.controller';
import { AcceptEnrolmentHandler } from './enrolment/accept-enrolment/accept-enrolment.handler';
import { EnrolWhenApplicationApproved } from './enrolment/enrol-when-application-approved.consumer';
import { RefuseEnrolmentController } from './enrolment/refuse-enrolment/refuse-enrolment.controller';
import { RefuseEnrolmentHandler } from './enrolment/refuse-enrolment/refuse-enrolment.handler';
import { FollowLoan } from './loan-events/follow-loan.consumer';
import { FlagBuybackOverdueHandler } from './overdue/flag-buyback-overdue/flag-buyback-overdue.handler';
import { FlagBuybacksOverdueSweep } from './overdue/flag-buyback-overdue/flag-buybacks-overdue.sweep';
import { partnersQueues } from './partners.jobs';
import { PartnersQueryController } from './reading/partners-query.controller';
import { GetEnrolmentHandler, GetPartnerHandler, ListEnrolmentsHandler } from './reading/reading.handlers';
import { AddProgrammeController } from './registry/add-programme/add-programme.controller';
import { AddProgrammeHandler } from './registry/add-programme/add-programme.handler';
import { RegisterPartnerController } from './registry/register-partner/register-partner.controller';
import { RegisterPartnerHandler } from './registry/register-partner/register-partner.handler';
import { PartnersSharedModule } from './shared/partners-shared.module';

const controllers = [
  RegisterPartnerController,
  AddProgrammeController,
  PartnersQueryController,
  AcceptEnrolmentController,
  RefuseEnrolmentController,
  DeliverInputsController,
  AcknowledgeDeliveryController,
  RecordBuybackController,
  ConfirmBuybackController,
  DisputeBuybackController,
  SettleDisputeController,
];
const commandHandlers = [
  RegisterPartnerHandler,
  AddProgrammeHandler,
  AcceptEnrolmentHandler,
  RefuseEnrolmentHandler,
  DeliverInputsHandler,
  AcknowledgeDeliveryHandler,
  RecordBuybackHandler,
  ConfirmBuybackHandler,
  DisputeBuybackHandler,
  SettleDisputeHandler,
  FlagBuybackOverdueHandler,
];
const queryHandlers = [GetPartnerHandler, GetEnrolmentHandler, ListEnrolmentsHandler];
const eventConsumers = [EnrolWhenApplicationApproved, FollowLoan];
const jobs = [FlagBuybacksOverdueSweep];
/** What this service appends to its outbox: start-up fails, naming it, if one has no registered contract. */
const producedEvents = [
  PartnerRegistered,
  EnrolmentAccepted,
  EnrolmentRefused,
  InputsDelivered,
  DeliveryAcknowledged,
  BuybackRecorded,
  BuybackConfirmed,
  BuybackDisputed,
  BuybackDisputeSettled,
  BuybackOverdue,
];

/**
 * The partners of the "X+1" models: the registry and programmes, enrolment of approved
 * mothers, inputs delivered and acknowledged, buybacks confirmed (or disputed and settled) and
 * netted against the loan by loans, and the daily watch for a partner that has not come back.
 */
@Module({
  imports: [MessagingModule.forFeature({ service: 'partners', produces: producedEvents }), JobsModule.forService(partnersQueues), PartnersSharedModule],
  controllers,
  providers: [...commandHandlers, ...queryHandlers, ...eventConsumers, ...jobs, BuybackLimitsReader],
})
export class PartnersModule {}
