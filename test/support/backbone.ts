import { randomUUID } from 'node:crypto';
import { ApplicationSubmitted, ApplicationSubmittedV1, EventEnvelope } from '@xingfu/contracts';
import { insertOutboxRow, OutboxWriter } from '@xingfu/messaging';
import { startTestApp, TestApp } from '@xingfu/testing';
import { applicationsDatabase } from '../../apps/applications/src/applications.database';
import { ApplicationsModule } from '../../apps/applications/src/applications.module';
import { reportingDatabase } from '../../apps/reporting/src/reporting.database';
import { ReportingModule } from '../../apps/reporting/src/reporting.module';
import { RECORDER_TABLE_SQL, RecorderModule } from './recorder.module';

/** The producer (applications) and a consumer (reporting, plus the test recorder) in one app. */
export async function startBackboneApp(databaseUrl: string, options: { kafka: boolean; env?: NodeJS.ProcessEnv }): Promise<TestApp> {
  const app = await startTestApp({
    services: [applicationsDatabase, reportingDatabase],
    modules: [ApplicationsModule, ReportingModule, RecorderModule],
    databaseUrl,
    kafka: options.kafka,
    env: options.env,
  });
  await app.dataSource.query(RECORDER_TABLE_SQL);
  return app;
}

export function submittedPayload(townshipCode: string, overrides: Partial<ApplicationSubmittedV1> = {}): ApplicationSubmittedV1 {
  return {
    applicationId: randomUUID(),
    projectId: randomUUID(),
    industry: 'mushroom',
    requestedAmountFen: 300000,
    model: 'park',
    countyCode: townshipCode.slice(0, 6),
    townshipCode,
    villageCode: `${townshipCode}001`,
    motherNameMasked: '王*梅',
    idNumberMasked: '2310**********0021',
    submittedOn: '2026-11-22',
    ...overrides,
  };
}

/** Appends an ApplicationSubmitted through the real OutboxWriter in its own transaction. */
export async function appendSubmitted(app: TestApp, payload: ApplicationSubmittedV1, aggregateId = payload.applicationId): Promise<void> {
  const writer = app.app.get(OutboxWriter);
  await app.dataSource.transaction((manager) =>
    writer.append(manager, ApplicationSubmitted, { aggregateId, payload, context: { correlationId: randomUUID(), causationId: null, actor: 'system:test' } }),
  );
}

/** An ApplicationSubmitted envelope as the relay would publish it. */
export function submittedEnvelope(payload: object, aggregateId: string = randomUUID()): EventEnvelope {
  return {
    eventId: randomUUID(),
    type: ApplicationSubmitted.type,
    version: ApplicationSubmitted.version,
    occurredAt: new Date().toISOString(),
    aggregateId,
    correlationId: randomUUID(),
    causationId: null,
    actor: 'system:test',
    payload,
  };
}

/** Puts a row in the outbox WITHOUT contract validation: what a buggy producer would write. */
export async function appendUnchecked(app: TestApp, payload: Record<string, unknown>, aggregateId: string = randomUUID()): Promise<string> {
  const envelope = submittedEnvelope(payload, aggregateId);
  await app.dataSource.transaction((manager) => insertOutboxRow(manager, 'applications', envelope));
  return envelope.eventId;
}

export async function recorded(app: TestApp, townshipCode: string): Promise<{ event_id: string; aggregate_id: string; seq: number | null }[]> {
  return app.dataSource.query(`SELECT event_id, aggregate_id, seq FROM reporting.test_recorder WHERE township_code = $1 ORDER BY id`, [townshipCode]);
}


