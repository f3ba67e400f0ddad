import { Module } from '@nestjs/common';
import { ApplicationsSharedModule } from '../shared/applications-shared.module';
import { ApproveApplicationController } from './approve-application/approve-application.controller';
import { ApproveApplicationHandler } from './approve-application/approve-application.handler';
import { EndApplicationController } from './end-application/end-application.controller';
import { EndApplicationHandler } from './end-application/end-application.handler';
import { GetApplicationHandler } from './get-application/get-application.handler';
import { ApplicationsQueryController } from './list-applications/applications-query.controller';
import { ListApplicationsHandler } from './list-applications/list-applications.handler';
import { RecordFollowUpController } from './record-follow-up/record-follow-up.controller';
import { RecordFollowUpHandler } from './record-follow-up/record-follow-up.handler';
import { RecordHomeVisitController } from './record-home-visit/record-home-visit.controller';
import { RecordHomeVisitHandler } from './record-home-visit/record-home-visit.handler';

const controllers = [ApplicationsQueryController, RecordHomeVisitController, ApproveApplicationController, EndApplicationController, RecordFollowUpController];
const commandHandlers = [RecordHomeVisitHandler, ApproveApplicationHandler, EndApplicationHandler, RecordFollowUpHandler];
const queryHandlers = [ListApplicationsHandler, GetApplicationHandler];

/** The steps around the core checks: home visits, decisions, follow-ups, and reading applications. */
@Module({ imports: [ApplicationsSharedModule], controllers, providers: [...commandHandlers, ...queryHandlers] })
export class LifecycleModule {}
