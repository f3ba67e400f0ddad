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
import { OpenGuaranteeWhenApplicationApproved } from './opening/open-guarantee-when-application-approved.consumer';
import { GuaranteesSharedModule } from './shared/guarantees-shared.module';

const controllers: never[] = [];
const commandHandlers: never[] = [];
const queryHandlers: never[] = [];
const eventConsumers = [OpenGuaranteeWhenApplicationApproved];
const jobs: never[] = [];
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

/** The three-party joint guarantee (三方联保): opened on approval, signed, invoked on default, released on repayment. */
@Module({
  imports: [MessagingModule.forFeature({ service: 'guarantees', produces: producedEvents }), JobsModule.forService(guaranteesQueues), GuaranteesSharedModule],
  controllers,
  providers: [...commandHandlers, ...queryHandlers, ...eventConsumers, ...jobs],
})
export class GuaranteesModule {}
