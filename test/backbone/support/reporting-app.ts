import { startTestApp, TestApp } from '@xingfu/testing';
import { reportingDatabase } from '../../../apps/reporting/src/reporting.database';
import { ReportingModule } from '../../../apps/reporting/src/reporting.module';

/** The reporting service alone over Kafka, in this process: a consumer group member and nothing else. */
export function startReportingApp(databaseUrl: string, env: NodeJS.ProcessEnv): Promise<TestApp> {
  return startTestApp({ services: [reportingDatabase], modules: [ReportingModule], databaseUrl, kafka: true, env });
}
