import { Module } from '@nestjs/common';
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

/** The intake side of the flow, for township officers and the county project office. */
@Module({
  imports: [JobsModule.forService(applicationsQueues), ApplicationsSharedModule, ProjectsModule, ScreeningModule, CreditModule, NoticesModule, LifecycleModule],
  controllers: [SubmitApplicationController],
  providers: [SubmitApplicationHandler, ...eventConsumers],
})
export class ApplicationsModule {}
