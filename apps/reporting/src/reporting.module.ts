import { Module } from '@nestjs/common';
import { ReportingDriftDetected } from '@xingfu/contracts';
import { JobsModule } from '@xingfu/jobs';
import { MessagingModule } from '@xingfu/messaging';
import { ApplicationsByTownshipController } from './applications-by-township/applications-by-township.controller';
import { CountApplicationWhenSubmitted } from './applications-by-township/count-application-when-submitted.consumer';
import { DashboardModule } from './dashboard/dashboard.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { reportingQueues } from './reporting.jobs';
import { ReportsModule } from './reports/reports.module';

const controllers = [ApplicationsByTownshipController];
const eventConsumers = [CountApplicationWhenSubmitted];

/**
 * Figures for the foundation and the county project offices, from events only:
 * - read-models/: the facts and the rolled-up cells each consumer keeps (inbox: once per event),
 *   the rebuild from the event history, and the daily reconciliation with the loans ledger;
 * - reports/: the report routes (JSON, CSV, XLSX) and the figures' formulas (domain/);
 * - dashboard/: the page at /dashboard, served with its chart library from this process.
 */
@Module({
  imports: [
    MessagingModule.forFeature({ service: 'reporting', produces: [ReportingDriftDetected] }),
    JobsModule.forService(reportingQueues),
    ReadModelsModule,
    ReportsModule,
    DashboardModule,
  ],
  controllers,
  providers: [...eventConsumers],
})
export class ReportingModule {}
