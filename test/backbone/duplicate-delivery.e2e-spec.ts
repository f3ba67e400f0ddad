import { randomUUID } from 'node:crypto';
import { topicOf } from '@xingfu/contracts';
import { brokerAddress, createTestDatabase, dropTestDatabase, eventually, newTownshipCode, TestApp } from '@xingfu/testing';
import { Kafka, logLevel } from 'kafkajs';
import { recorded, startBackboneApp, submittedEnvelope, submittedPayload } from '../support/backbone';

describe('duplicate delivery', () => {
  let databaseUrl: string;
  let app: TestApp;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('dup');
    app = await startBackboneApp(databaseUrl, { kafka: true });
  });

  afterAll(async () => {
    await app?.close();
    await dropTestDatabase(databaseUrl);
  });

  it('handles the same envelope published twice to Kafka once', async () => {
    const township = newTownshipCode();
    const payload = submittedPayload(township);
    const envelope = submittedEnvelope(payload, payload.applicationId);
    const producer = new Kafka({ clientId: 'dup-test', brokers: [brokerAddress()], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    const message = { key: envelope.aggregateId, value: JSON.stringify(envelope) };
    await producer.send({ topic: topicOf('applications'), messages: [message] });
    await producer.send({ topic: topicOf('applications'), messages: [message] });
    // A third, different event behind the duplicates proves the consumer read past both copies.
    const marker = { ...envelope, eventId: randomUUID(), aggregateId: randomUUID(), payload: { ...payload, applicationId: randomUUID() } };
    await producer.send({ topic: topicOf('applications'), messages: [{ key: envelope.aggregateId, value: JSON.stringify(marker) }] });
    await producer.disconnect();

    const rows = await eventually(async () => {
      const found = await recorded(app, township);
      expect(found).toHaveLength(2);
      return found;
    });
    expect(rows.map((r) => r.event_id).sort()).toEqual([envelope.eventId, marker.eventId].sort());
    const [count] = await app.dataSource.query(`SELECT applications FROM reporting.applications_by_township WHERE township_code = $1`, [township]);
    expect(count.applications).toBe(2);
  });

  it('handles an in-process redelivery once (the inbox, not the transport, makes it idempotent)', async () => {
    const township = newTownshipCode();
    const payload = submittedPayload(township);
    const envelope = submittedEnvelope(payload, payload.applicationId);
    const results = [
      await app.messaging.replay('reporting.test-recorder', envelope),
      await app.messaging.replay('reporting.test-recorder', envelope),
    ];
    expect(results).toEqual(['handled', 'duplicate']);
    expect(await recorded(app, township)).toHaveLength(1);
  });
});
