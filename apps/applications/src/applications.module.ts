import { Module } from '@nestjs/common';
import {
  ApplicationApproved,
  ApplicationClosed,
  ApplicationRejected,
  ApplicationScreened,
  ApplicationSubmitted,
  ApplicationWithdrawn,
  CreditAssessed,
  FollowUpRecorded,
  HomeVisitRecorded,
  ObjectionFiled,
  ObjectionResolved,
  ProjectPolicyChanged,
  ProjectRegistered,
  PublicNoticeClosed,
  PublicNoticeOpened,
} from '@xingfu/contracts';
import { MessagingModule } from '@xingfu/messaging';
import { JobsModule } from '@xingfu/jobs';
import { applicationsQueues } from './applications.jobs';
import { CreditModule } from './credit/credit.module';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { CloseApplicationWhenLoanRepaid } from './loan-events/close-application-when-loan-repaid.consumer';
import { NoticesModule } from './notices/notices.module';
import { ProjectsModule } from './projects/projects.module';
import { ScreeningModule } from './screening/screening.module';
import { ApplicationsSharedModule } from './shared/applications-shared.module';
import { SubmitApplicationController } from './submit-application/submit-application.controller';
import { SubmitApplicationHandler } from './submit-application/submit-application.handler';

const eventConsumers = [CloseApplicationWhenLoanRepaid];
/** What this service appends to its outbox: start-up fails, naming it, if one has no registered contract. */
const producedEvents = [
  ProjectRegistered,
  ProjectPolicyChanged,
  ApplicationSubmitted,
  HomeVisitRecorded,
  ApplicationScreened,
  PublicNoticeOpened,
  PublicNoticeClosed,
  ObjectionFiled,
  ObjectionResolved,
  CreditAssessed,
  ApplicationApproved,
  ApplicationRejected,
  ApplicationWithdrawn,
  FollowUpRecorded,
  ApplicationClosed,
];

/** The intake side of the flow, for township officers and the county project office. */
@Module({
  imports: [
    MessagingModule.forFeature({ service: 'applications', produces: producedEvents }),
    JobsModule.forService(applicationsQueues),
    ApplicationsSharedModule, ProjectsModule, ScreeningModule, CreditModule, NoticesModule, LifecycleModule],
  controllers: [SubmitApplicationController],
  providers: [SubmitApplicationHandler, ...eventConsumers],
})
export class ApplicationsModule {}
